class web::params {
  $package = 'nginx'
  $confdir = '/etc/nginx'
}
