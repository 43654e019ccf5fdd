define svc::site (String $root = '/srv') {
  file { "${root}/${name}": ensure => directory }
}
