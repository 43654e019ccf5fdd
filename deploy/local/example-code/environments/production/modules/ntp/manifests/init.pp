# Time must be right before nodes talk to the cloud controller.
class ntp (
  Array[String[1]] $servers = ['0.pool.ntp.org', '1.pool.ntp.org'],
  String $service_name      = 'ntp',
) {
  package { 'ntp':
    ensure => installed,
  }
  file { '/etc/ntp.conf':
    ensure  => file,
    owner   => 'root',
    group   => 'root',
    mode    => '0644',
    content => "# Managed by Puppet\nserver ${servers[0]} iburst\nserver ${servers[1]} iburst\n",
    require => Package['ntp'],
  }
  service { $service_name:
    ensure    => running,
    enable    => true,
    subscribe => File['/etc/ntp.conf'],
  }
}
