# Node controllers run instances under KVM through libvirt.
class hypervisor {
  package { ['qemu-kvm', 'libvirt-daemon-system']:
    ensure => installed,
  }
  service { 'libvirtd':
    ensure  => running,
    enable  => true,
    require => Package['libvirt-daemon-system'],
  }
}
