# namevars a title gives come first, declared values win in their place; the uniqueness key is all three namevars,
# so two settings of one section with different names do not collide
conf_setting { 'main/port': value => '80' }
conf_setting { 'main':
  setting => 'host',
  value   => 'example.com',
}
conf_setting { 'tuning/workers':
  section => 'tuning',
  file    => '/etc/app.d/tuning.conf',
  value   => '4',
}
# 'name' is the namevar Ruby's catalog leaves out when it is the title
conf_var { 'daemon':
  target   => '/etc/default/daemon',
  variable => 'DAEMON_OPTS',
  value    => '-v',
}
conf_var { 'PATH in /etc/environment': value => '/usr/bin' }
