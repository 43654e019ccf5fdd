class app {
  file { '/etc/app.conf': content => epp('app/app.conf.epp') }
}
