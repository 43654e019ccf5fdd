# On SELinux nodes the exporter's port is labelled for it.
class profile::selinux_ports {
  selinux::port { 'node-exporter':
    seltype  => 'http_port_t',
    protocol => 'tcp',
    port     => 9100,
  }
}
