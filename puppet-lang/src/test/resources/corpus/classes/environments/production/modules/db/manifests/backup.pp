class db::backup {
  exec { 'backup': command => '/usr/bin/pg_dumpall', creates => '/backup/db.sql' }
}
