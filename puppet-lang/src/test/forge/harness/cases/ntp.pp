class { 'ntp':
  servers  => ['ntp1.corp.com', 'ntp2.corp.com'],
  restrict => ['127.0.0.1'],
}
