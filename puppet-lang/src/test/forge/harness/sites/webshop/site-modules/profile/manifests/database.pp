# Database nodes: PostgreSQL with a database, role and grant per entry of Hiera's databases.
class profile::database (
  Hash[String[1], Hash] $databases = {},
) {
  class { 'postgresql::server':
    listen_addresses => '*',
  }
  $databases.each |String $name, Hash $db| {
    postgresql::server::db { $name:
      user     => $db['user'],
      password => postgresql::postgresql_password($db['user'], $db['password']),
      grant    => $db.dig('grant').lest || { 'ALL' },
    }
  }
  postgresql::server::pg_hba_rule { 'app network':
    type        => 'host',
    database    => 'all',
    user        => 'all',
    address     => '10.20.0.0/24',
    auth_method => 'scram-sha-256',
  }
}
