class app {
  File { mode => '0600' }
  file { '/etc/app.conf': ensure => file }
  include app::inner
}
class app::inner {
  file { '/etc/inner.conf': ensure => file }
}
Package { ensure => installed }
package { 'vim': alias => 'editor' }
exec { 'after': command => '/bin/true', require => Package['editor'] }
include app
$res = { 'a' => { 'message' => 'A' }, 'b' => {} }
create_resources('notify', $res, { 'withpath' => true })
notify { 'defined':
  message => [defined('app'), defined(Class['app']), defined('$res'), defined('$nope'), defined(Package['vim']),
    defined('notify'), defined('nosuchtype'), defined(File['/nope'])],
}
@user { 'alice': uid => 1001 }
@user { 'bob': uid => 1002 }
User <| title == 'alice' |> { shell => '/bin/zsh' }
@@file { '/etc/exported': ensure => file }
File <<| |>>
$secret = Sensitive('s3cret')
notify { 'sensitive': message => $secret }
notify { 'unwrapped': message => $secret.unwrap }
$d = Deferred('join', [['a', 'b'], '-'])
notify { 'deferred': message => $d }
file { '/etc/motd': content => Deferred('inline_epp', ['hi <%= $x %>', { 'x' => 'there' }]) }
notify { 'deferred-noargs': message => Deferred('hostname') }
notify { 'deferred-nested': message => { 'k' => [Deferred('sha1', ['x']), 1] } }
notify { 'i': message => "${['a', 'b']} ${ {'k' => 'v'} } ${[1, undef]}" }
notify { 'deferred-quotes': message => Deferred('join', [['a', "it's", 'back\\slash'], '-']) }
