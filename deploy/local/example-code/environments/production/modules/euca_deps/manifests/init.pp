# Packages every Eucalyptus component needs before its own package.
class euca_deps {
  $packages = ['bridge-utils', 'vlan', 'rsync', 'openssh-client']
  package { $packages:
    ensure => installed,
  }
}
