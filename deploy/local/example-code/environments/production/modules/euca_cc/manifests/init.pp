# The Eucalyptus CC component.
class euca_cc {
  package { 'eucalyptus-cc':
    ensure  => installed,
    require => Class['euca_repo'],
  }
  service { 'eucalyptus-cc':
    ensure  => running,
    enable  => true,
    require => Package['eucalyptus-cc'],
  }
}
