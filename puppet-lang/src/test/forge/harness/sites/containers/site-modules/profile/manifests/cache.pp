# A local Redis for caching, bound to loopback, with the backup account realized.
class profile::cache {
  class { 'redis':
    bind         => ['127.0.0.1'],
    maxmemory    => '256mb',
    manage_repo  => false,
  }
  User <| title == 'backup' |>
  file { '/etc/redis/backup.conf':
    content => template('profile/backup.conf.erb'),
    mode    => '0600',
  }
}
