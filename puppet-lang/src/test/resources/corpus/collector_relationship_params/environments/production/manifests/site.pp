# A relationship with a collector sets the metaparameter on each collected resource, as Ruby Puppet's catalog
# shows it; a type name written with a leading '::' collects the same resources.
define app::plugin($level = 1) { }
class app::service {
  service { 'appd': ensure => running }
  ::App::Plugin <| |> ~> Service['appd']
  App::Plugin <| level == 2 |> -> Service['appd']
}
app::plugin { 'one': }
app::plugin { 'two': level => 2 }
include app::service
