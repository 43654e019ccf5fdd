# As postgresql's README shows: a server, a database with its owner, a password hashed by the module's Ruby.
class { 'postgresql::server':
}
postgresql::server::db { 'mydatabasename':
  user     => 'mydatabaseuser',
  password => postgresql::postgresql_password('mydatabaseuser', 'mypassword'),
}
