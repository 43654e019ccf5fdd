# A service endpoint that a load balancer collects: exported by web and db nodes, collected by lb nodes.
define pp::endpoint (
  String $host,
  Variant[Integer, String] $port,
  String $target,
  Array[String] $aliases = [],
) {
  concat::fragment { "endpoint ${title}":
    target  => $target,
    content => "${title} ${host}:${port} ${join($aliases, ',')}\n",
    order   => '20',
  }
}
