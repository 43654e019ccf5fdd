# a relationship to a string that names no resource
file { '/etc/app.conf': ensure => file }
service { 'app':
  ensure    => running,
  subscribe => '/etc/app.conf',
}
