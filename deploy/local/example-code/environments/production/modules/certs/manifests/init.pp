# Eucalyptus keys come from the Puppet file server (mount "eucakeys")
# instead of rsync, so the component is registered with --no-rsync.
class certs (
  String $keydir = '/var/lib/eucalyptus/keys',
) {
  file { $keydir:
    ensure => directory,
    owner  => 'eucalyptus',
    mode   => '0700',
  }
  certs::key { ['cloud-cert.pem', 'cluster-cert.pem', 'node-cert.pem', 'node-pk.pem']:
    keydir => $keydir,
  }
  exec { 'euca-register':
    command => "/usr/sbin/euca_conf --no-rsync --register-nodes ${facts['networking']['ip']}",
    unless  => "/usr/bin/test -f ${keydir}/.registered",
    require => Certs::Key['node-pk.pem'],
  }
}
