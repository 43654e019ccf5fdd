class { 'mysql::server':
  users  => {
    'someuser@localhost' => {
      ensure        => 'present',
      password_hash => mysql::password('secret'),
    },
  },
  grants => {
    'someuser@localhost/somedb.*' => {
      ensure     => 'present',
      options    => ['GRANT'],
      privileges => ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
      table      => 'somedb.*',
      user       => 'someuser@localhost',
    },
  },
}
class { 'mysql::client': }
