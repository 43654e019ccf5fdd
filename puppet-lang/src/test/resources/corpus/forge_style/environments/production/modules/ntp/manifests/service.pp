class ntp::service {
  service { 'ntp':
    ensure     => $ntp::service_ensure,
    enable     => $ntp::service_enable,
    name       => $ntp::service_name,
    hasstatus  => true,
    hasrestart => true,
  }
}
