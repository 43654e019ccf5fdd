class app {
  $dir = $::app_dir ? { undef => '/srv/app', default => $::app_dir }
  file { $dir: ensure => directory }
}
include app
