# Load balancers: haproxy listening on 80 with every backend of Hiera as a balancer member.
class profile::loadbalancer (
  Hash[String[1], Stdlib::IP::Address] $backends = {},
) {
  include haproxy
  haproxy::listen { 'web':
    collect_exported => false,
    ipaddress        => $facts['networking']['ip'],
    ports            => '80',
    options          => {
      'balance' => 'roundrobin',
      'option'  => ['httpchk GET /health', 'forwardfor'],
    },
  }
  $backends.keys.sort.each |String $name| {
    haproxy::balancermember { $name:
      listening_service => 'web',
      server_names      => $name,
      ipaddresses       => $backends[$name],
      ports             => '8080',
      options           => 'check',
    }
  }
}
