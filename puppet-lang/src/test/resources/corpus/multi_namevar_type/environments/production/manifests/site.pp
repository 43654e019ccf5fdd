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
