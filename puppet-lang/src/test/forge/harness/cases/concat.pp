concat { '/tmp/file':
  ensure => present,
}
concat::fragment { 'tmpfile':
  target  => '/tmp/file',
  content => 'test contents',
  order   => '01',
}
concat::fragment { 'tmpfile-2':
  target  => '/tmp/file',
  content => "more\n",
  order   => '10',
}
