# An arrow to a resource named by its alias (a service's name that is not its title) records the reference as
# written on the source, as Ruby Puppet's relationship does; the title names it as the title.
class web {
  service { 'webd': ensure => running, name => 'apache2' }
}
include web
file { '/etc/web/site.conf': ensure => file }
file { '/etc/web/ports.conf': ensure => file }
File['/etc/web/site.conf'] ~> Service['apache2']
File['/etc/web/ports.conf'] -> Service['webd']
Class['web'] -> File['/etc/web/ports.conf']
