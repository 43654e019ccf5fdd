# What every node gets: time, packages, users with their keys, sshd, sudo, a message of the day.
class profile::base (
  Array[String[1]] $packages,
  Hash[String[1], Hash] $users = {},
) {
  include ntp
  include ssh::server
  include sudo
  include motd
  stdlib::ensure_packages($packages)

  $users.each |String $name, Hash $attributes| {
    accounts::user { $name:
      comment => $attributes['comment'],
      groups  => $attributes['groups'],
      sshkeys => $attributes['sshkeys'],
    }
  }

  file { '/etc/profile.d/site.sh':
    ensure  => file,
    content => epp('profile/site.sh.epp', { 'role' => $role, 'packages' => $packages }),
  }
}
