class ntp::install {
  package { $ntp::package_name:
    ensure => present,
  }
}
