class ntp (
  Array[String] $servers     = $ntp::params::servers,
  String $package_name       = $ntp::params::package_name,
  String $service_name       = $ntp::params::service_name,
  Stdlib::Absolutepath $config = $ntp::params::config,
  Boolean $service_enable    = true,
  Enum['running', 'stopped'] $service_ensure = 'running',
) inherits ntp::params {
  contain ntp::install
  contain ntp::config
  contain ntp::service
  Class['ntp::install'] -> Class['ntp::config'] ~> Class['ntp::service']
}
