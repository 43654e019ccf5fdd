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
  # one file per node controller, each exported by the node itself (euca_nc)
  file { '/var/lib/eucalyptus/nodes':
    ensure => directory,
  }
  File <<| tag == 'euca_nc_node' |>>
}
