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
  # The cluster controller learns its node controllers from what they export (storeconfigs, through PuppetDB).
  @@file { "/var/lib/eucalyptus/nodes/${trusted['certname']}":
    ensure  => file,
    content => "${facts['networking']['ip']}\n",
    tag     => 'euca_nc_node',
  }
}
