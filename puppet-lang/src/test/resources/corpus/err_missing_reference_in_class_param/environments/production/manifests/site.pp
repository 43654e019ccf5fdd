# A class declared with a relationship to a resource nobody declared fails the compile at that attribute's line.
class exporter($args = '') {
}
class { 'exporter':
  args    => '-listen 127.0.0.1:9100',
  require => Service['collector'],
}
