# A resource default naming a resource nobody declared fails the compile at the line the default was written.
class storage {
  Exec {
    path    => '/usr/bin:/bin',
    require => File['/srv/data'],
  }
  exec { 'format data volume':
    command => 'mkfs.ext4 /dev/vg0/data',
    unless  => 'blkid /dev/vg0/data',
  }
}
include storage
