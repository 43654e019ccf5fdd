# As systemd's README shows: a unit file, a drop-in, a service limit, tmpfiles.
systemd::unit_file { 'foo.service':
  content => "[Unit]\nDescription=Foo\n[Service]\nExecStart=/bin/true\n",
  enable  => true,
  active  => true,
}
systemd::dropin_file { 'foo.conf':
  unit    => 'foo.service',
  content => "[Service]\nRestart=always\n",
}
systemd::tmpfile { 'foo.conf':
  content => "d /run/foo 0755 root root -\n",
}
