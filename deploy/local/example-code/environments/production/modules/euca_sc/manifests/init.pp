# The Eucalyptus SC component.
class euca_sc {
  package { 'eucalyptus-sc':
    ensure  => installed,
    require => Class['euca_repo'],
  }
  service { 'eucalyptus-sc':
    ensure  => running,
    enable  => true,
    require => Package['eucalyptus-sc'],
  }
}
