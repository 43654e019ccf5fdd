# The Eucalyptus NC component.
class euca_nc {
  package { 'eucalyptus-nc':
    ensure  => installed,
    require => Class['euca_repo'],
  }
  service { 'eucalyptus-nc':
    ensure  => running,
    enable  => true,
    require => Package['eucalyptus-nc'],
  }
}
