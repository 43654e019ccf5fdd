class app {
  file { '/etc/app.conf': content => template('app/app.conf.erb') }
}
