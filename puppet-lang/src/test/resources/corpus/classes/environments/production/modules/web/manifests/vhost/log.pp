define web::vhost::log {
  file { "/var/log/nginx/${name}.log": ensure => file }
}
