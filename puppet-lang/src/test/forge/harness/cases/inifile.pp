ini_setting { 'sample setting':
  ensure  => present,
  path    => '/tmp/foo.ini',
  section => 'bar',
  setting => 'baz',
  value   => 'quux',
}
ini_subsetting { 'sample subsetting':
  ensure            => present,
  section           => '',
  key_val_separator => '=',
  path              => '/etc/default/pe-puppetdb',
  setting           => 'JAVA_ARGS',
  subsetting        => '-Xmx',
  value             => '512m',
}
$settings = { 'section1' => { 'setting1' => 'val1' }, 'section2' => { 'setting2' => 'val2', 'setting3' => { 'ensure' => 'absent' } } }
inifile::create_ini_settings($settings, { 'path' => '/tmp/foo.ini' })
