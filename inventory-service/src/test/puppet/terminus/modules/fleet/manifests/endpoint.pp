# An exported defined type: each collected endpoint becomes a file on the collecting node.
define fleet::endpoint (
  String  $host,
  Integer $port,
) {
  file { "${facts['pp_scratch']}/endpoint-${title}":
    content => "${host}:${port}\n",
  }
}
