class svc (Integer $port = 80) {
  package { 'svc-pkg': }
  service { 'svc': require => Package['svc-pkg'] }
  notify { "svc port ${port}": }
}
