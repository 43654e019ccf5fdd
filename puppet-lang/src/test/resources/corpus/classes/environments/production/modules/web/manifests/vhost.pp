define web::vhost (
  Web::Port $port,
  String $docroot = "/var/www/${title}",
  String $servername = $name,
) {
  file { "${web::params::confdir}/sites/${title}.conf":
    content => web::render($servername, $port, $docroot),
    require => Package['nginx'],
  }
  web::vhost::log { $title: }
}
