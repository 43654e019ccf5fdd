class repo { package { 'repo-key': } }
class app {
  contain app::install
  contain app::config
  Class['app::install'] -> Class['app::config']
  require ::repo
}
class app::install { package { 'app': } }
class app::config { file { '/etc/app.conf': content => 'x', notify => Class['app::service'] } }
class app::service { service { 'app': } }
class monitoring ($level = 'basic') { notify { "monitoring ${level}": } }
include app, app::service
include Class['monitoring']
Class['app'] -> Class['monitoring']
Class['repo'] ~> Class['app::service']
notify { 'after all': require => Class['app'] }
