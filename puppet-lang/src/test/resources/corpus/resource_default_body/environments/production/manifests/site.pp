define d(String $config, String $target = 'none', String $prio = 'p') { notify { "${title} ${config} ${target} ${prio}": } }
d {
  default:
    target => 'dflt',
    prio => 'high',
    ;
  'one':
    config => 'c1',
    ;
  'two':
    config => 'c2',
    target => 'own',
}
file { default: mode => '0644'; '/tmp/a': ensure => file; }
