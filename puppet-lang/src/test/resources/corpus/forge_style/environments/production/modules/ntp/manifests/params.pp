class ntp::params {
  case $::osfamily {
    'Debian': {
      $package_name = 'ntp'
      $service_name = 'ntp'
      $config       = '/etc/ntp.conf'
    }
    'RedHat': {
      $package_name = 'chrony'
      $service_name = 'chronyd'
      $config       = '/etc/chrony.conf'
    }
    default: {
      fail("The ${module_name} module is not supported on ${::osfamily}")
    }
  }
  $servers = ['0.pool.ntp.org', '1.pool.ntp.org']
  $restrict = $facts['os']['release']['major'] ? {
    /^(7|8)$/ => ['default kod nomodify'],
    default   => ['-4 default kod notrap nomodify nopeer noquery limited', '-6 default kod'],
  }
}
