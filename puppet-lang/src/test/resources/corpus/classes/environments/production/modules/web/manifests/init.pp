class web (
  Web::Port $port = 80,
  Hash[String, Hash] $sites = {},
  Optional[String] $admin = undef,
) inherits web::params {
  package { $web::params::package: ensure => installed }
  $sites.each |String $name, Hash $cfg| {
    web::vhost { $name:
      port => $port,
      *    => $cfg,
    }
  }
  notify { "web ${port} ${web::params::package} ${confdir} admin=${admin}": }
}
