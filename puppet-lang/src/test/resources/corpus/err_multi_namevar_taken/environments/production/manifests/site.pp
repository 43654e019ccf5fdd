# two titles, one setting: section, setting and file are all equal
conf_setting { 'main/port': value => '80' }
conf_setting { 'port in main':
  section => 'main',
  setting => 'port',
  value   => '8080',
}
