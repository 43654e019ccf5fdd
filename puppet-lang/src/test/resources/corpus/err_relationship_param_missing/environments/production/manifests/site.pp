# a relationship metaparameter naming a resource nobody declared fails the compile where it was written
notify { 'motd':
  message => 'hello',
  require => [Package['present'], [Package['missing']]],
}
package { 'present': }
