# A web node: exports its host entry, ssh key, a motd fragment, two endpoints (port 80 as a number, 8080 as a
# string), a file; collects the db nodes' host entries. With the fact pp_fail=true an exec fails and the file
# that requires it is skipped.
$scratch = $facts['pp_scratch']
$me = $trusted['certname']

@@host { $me:
  ip           => $facts['pp_ip'],
  host_aliases => ["${me}.example.com", 'www'],
  target       => "${scratch}/hosts",
  tag          => ['web', 'Frontend'],
}
@@sshkey { "${me}.example.com":
  type         => 'ssh-ed25519',
  key          => 'AAAAC3NzaC1lZDI1NTE5AAAAIDifferentialTestKeyNotARealOne0000000',
  host_aliases => [$me],
  target       => "${scratch}/known_hosts",
}
@@concat::fragment { "motd ${me}":
  target  => 'motd',
  content => "web node ${me}\n",
  order   => '10',
  tag     => 'motd',
}
@@pp::endpoint { "${me}-http":
  host    => $me,
  port    => 80,
  target  => 'endpoints',
  aliases => ['http', 'www'],
  tag     => 'LB',
}
@@pp::endpoint { "${me}-admin":
  host   => $me,
  port   => '8080',
  target => 'endpoints',
  tag    => ['lb', 'admin'],
}
@@file { "${scratch}/exported-${me}.txt":
  content => "exported by ${me}\n",
  mode    => '0644',
  tag     => 'files',
}

file { "${scratch}/web-${me}":
  ensure => directory,
}
file { "${scratch}/web-${me}/index.html":
  content => "hello from ${me}, run ${facts['pp_run']}\n",
}
notify { "web ${me} in ${server_facts['environment']}": }

if $facts['pp_fail'] == 'true' {
  exec { 'failing check':
    command => '/bin/false',
    path    => ['/bin', '/usr/bin'],
  }
  file { "${scratch}/web-${me}/after-failing-check":
    content => "never written\n",
    require => Exec['failing check'],
  }
}

Host <<| tag == 'db' |>> {
  target => "${scratch}/web-${me}/hosts",
}
