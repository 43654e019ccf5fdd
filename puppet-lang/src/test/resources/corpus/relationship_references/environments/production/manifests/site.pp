# References made from arrays of titles are arrays, even of one title; arrows from and to collectors follow the
# order the collector found its resources in; an arrow whose other side collected nothing checks nothing.
$one = ['/srv/data']
file { '/srv/data': ensure => directory }
exec { 'init':
  command => '/bin/true',
  require => File[$one],
}
package { ['zsh', 'vim', 'curl']: tag => 'tools' }
package { 'apt-transport': tag => 'apt' }
notify { 'before tools': }
Notify['before tools'] -> Package <| tag == 'tools' |>
Package <| tag == 'tools' |> -> Notify['after tools']
notify { 'after tools': }
Class['not::declared'] -> Package <| tag == 'nothing-has-this' |>
# a file title with trailing slashes: its path has none, and the title without them names it too
file { '/srv/cache/': ensure => directory }
exec { 'warm': command => '/bin/true', require => File['/srv/cache'] }
# relationship metaparameters are flattened without undef entries; other array values keep them
$none = undef
notify { 'nested': require => [$none, [Notify['before tools'], [$none]]], message => [$none, 'x'] }
# a query's left side may be any expression: its value names the attribute
$attribute = 'title'
File <| $attribute == '/srv/data' |> { mode => '0750' }
# a file reference with a trailing slash names the path without it, found through a namevar alias too
file { 'sshd_config': path => '/etc/ssh/sshd_config', content => 'x' }
service { 'ssh': subscribe => File['/etc/ssh/sshd_config/'] }
