# A custom type that includes an agent-side helper module of Puppet still compiles.
kube_credentials { '/etc/kube/admin.conf':
  ensure => present,
  mode   => '0600',
  token  => 'admin-token',
}
