class db {
  package { 'postgresql': }
  service { 'postgresql': require => Package['postgresql'] }
}
