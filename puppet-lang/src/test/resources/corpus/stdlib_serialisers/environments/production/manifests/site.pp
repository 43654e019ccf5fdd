# Config files rendered with stdlib's serialisers, the way Forge modules write YAML and JSON settings.
$settings = {
  'name'     => $facts['hostname'],
  'port'     => 8080,
  'ratio'    => 0.75,
  'enabled'  => true,
  'optional' => undef,
  'version'  => '1.10',
  'octal'    => '0755',
  'answer'   => 'yes',
  'date'     => '2020-01-02',
  'path'     => '/var/lib/app',
  'motd'     => "Welcome to ${facts['fqdn']}\nAuthorised use only\n",
  'servers'  => ['ntp1.example.com', 'ntp2.example.com'],
  'limits'   => { 'nofile' => 4096, 'nproc' => '~', 'empty' => {}, 'none' => [] },
  'banner'   => 'a long line of text that goes on and on past the eighty column limit of the emitter so it folds',
}
file { '/etc/app/settings.yaml':
  ensure  => file,
  content => to_yaml($settings),
}
file { '/etc/app/settings.json':
  ensure  => file,
  content => to_json_pretty($settings),
}
notify { 'compact':
  message => to_json([$settings['servers'], $settings['limits']]),
}
notify { 'scalars':
  message => [to_yaml('plain'), to_yaml(42), to_yaml(''), to_yaml([]), to_yaml("two\nlines"), to_yaml(undef)].join('|'),
}
notify { 'time_values':
  message => [
    to_yaml(Timespan(5)), to_yaml([Timestamp('2020-01-02T03:04:05Z'), { 'b' => Timespan(-1) }]),
    to_json([Timestamp('2020-01-02T03:04:05Z'), Timespan(5)]),
  ].join('|'),
}
