# a class declared with an undef parameter: the default that fills it keeps its declared place
class app (
  String $user = 'app',
  Integer $port = 8080,
  Hash $options = {},
  Boolean $enabled = true,
) {
}
class { 'app':
  enabled => false,
  options => $undefined_options,
  port    => 9090,
}
