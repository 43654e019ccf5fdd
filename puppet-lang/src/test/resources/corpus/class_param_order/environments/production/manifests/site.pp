class plugin (
  Enum['sysfs', 'proc'] $source = 'sysfs',
  Boolean $masked = false,
  String $mode = 'default',
  Boolean $persistent = true,
  String $extra = 'x',
) {}
class { 'plugin':
  source     => undef,
  mode       => undef,
  masked     => true,
  persistent => false,
}
