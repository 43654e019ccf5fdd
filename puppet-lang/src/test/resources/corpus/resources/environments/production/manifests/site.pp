File {
  owner => 'root',
  mode  => '0644',
}
Package { ensure => installed }
package { ['curl', 'wget']: }
package { 'vim': ensure => latest }
file {
  '/etc/motd':
    content => "hello\n";
  '/etc/issue':
    content => "issue\n",
    mode    => '0600';
}
$attrs = { 'ensure' => 'directory', 'group' => 'adm' }
file { '/srv/data':
  *     => $attrs,
  owner => 'data',
}
service { 'sshd':
  ensure    => running,
  require   => Package['curl'],
  subscribe => [File['/etc/motd'], File['/etc/issue']],
}
exec { 'reload':
  command     => '/bin/true',
  refreshonly => true,
}
Package['wget'] -> Service['sshd'] ~> Exec['reload']
Exec['reload'] <- File['/srv/data']
File['/etc/issue'] <~ Package['vim']
[Package['curl'], Package['wget']] -> File['/srv/data']
@user { ['alice', 'bob', 'carol']:
  ensure => present,
  tag    => ['staff'],
}
@group { 'ops': ensure => present }
@@file { '/exported/never': content => 'x' }
realize(User['alice'])
User <| title == 'bob' |>
Group <| |> { gid => 1500 }
Package <| title == 'curl' or title == 'vim' |> -> Service['sshd']
notify { 'tagged':
  tag     => ['alpha', 'beta'],
  message => 'tags',
}
Notify <| tag == 'alpha' |> { withpath => true }
class base {
  file { '/etc/base.conf': content => 'base', mode => '0640' }
}
class base::child inherits base {
  File['/etc/base.conf'] { content => 'child', mode +> undef }
}
include base::child
notify { 'last': }
notify { 'first before': before => Notify['last'] }
