# A load balancer: collects host entries tagged 'terminus' (into a hosts file of its own), every exported file,
# the endpoints on port 80; writes what puppetdb_query() answers (PQL and AST) to a file. Exports a host entry and
# a file itself unless the fact pp_lb_exports is 'none': Puppet realises a node's exports of the current run from
# its own catalog, but what PuppetDB holds of earlier runs never comes back to the node that exported it.
include fleet::scratch
$scratch = $facts['pp_scratch']
$me = $trusted['certname']

Host <<| tag == 'terminus' |>> {
  target => "${scratch}/hosts-of-${me}",
}
File <<| |>>
Fleet::Endpoint <<| port == 80 |>>

if $facts['pp_lb_exports'] != 'none' {
  @@host { $me:
    ip     => $facts['pp_ip'],
    target => "${scratch}/hosts-of-${me}",
    tag    => ['terminus', 'lb'],
  }
  @@file { "${scratch}/collected-from-${me}.txt":
    content => "exported by ${me}\n",
    tag     => 'terminus',
  }
}

$nodes = puppetdb_query('nodes[certname] { order by certname }')
$endpoints = puppetdb_query(['from', 'resources',
  ['extract', ['title'], ['and', ['=', 'type', 'Fleet::Endpoint'], ['=', 'exported', true]]],
  ['order_by', ['title']]])
file { "${scratch}/puppetdb-query-by-${me}.txt":
  content => "nodes: ${nodes.map |$n| { $n['certname'] }.join(' ')}\nendpoints: ${endpoints.map |$e| { $e['title'] }.join(' ')}\n",
}
