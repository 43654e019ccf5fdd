# A db node (environment staging): exports a host entry tagged db and an endpoint on 5432; collects nothing.
$scratch = $facts['pp_scratch']
$me = $trusted['certname']

@@host { $me:
  ip     => $facts['pp_ip'],
  target => "${scratch}/hosts",
  tag    => 'db',
}
@@pp::endpoint { "${me}-pg":
  host   => $me,
  port   => 5432,
  target => 'endpoints',
  tag    => 'LB',
}
file { "${scratch}/db-${me}.conf":
  content => "listen 5432\n",
}
