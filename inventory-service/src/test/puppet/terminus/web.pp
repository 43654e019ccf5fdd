# A web node: exports a host entry and a file tagged 'terminus', two endpoints (an exported defined type, port 80
# and 8080); manages one file of its own, whose change its report carries as an event.
include fleet::scratch
$scratch = $facts['pp_scratch']
$me = $trusted['certname']

@@host { $me:
  ip           => $facts['pp_ip'],
  host_aliases => ["${me}.example.com"],
  target       => "${scratch}/hosts",
  tag          => ['terminus', 'web'],
}
@@file { "${scratch}/collected-from-${me}.txt":
  content => "exported by ${me}\n",
  tag     => 'terminus',
}
@@fleet::endpoint { "${me}-http":
  host => $me,
  port => 80,
}
@@fleet::endpoint { "${me}-admin":
  host => $me,
  port => 8080,
}

file { "${scratch}/${me}-own.txt":
  content => "managed by ${me}\n",
}
