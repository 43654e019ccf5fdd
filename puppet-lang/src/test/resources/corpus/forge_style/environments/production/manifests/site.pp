Exec { path => ['/usr/bin', '/bin'] }
class { 'ntp':
  servers => ['time.example.com'],
}
