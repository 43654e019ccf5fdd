# A load balancer: collects endpoints by tag and parameter (port 80 as a number, '8080' as a string), motd
# fragments by tag, hosts without a filter, ssh keys but one by title, one exported file by tag and title; asks
# PuppetDB through puppetdb_query in PQL and in AST.
$scratch = $facts['pp_scratch']
$me = $trusted['certname']

concat { 'endpoints':
  path => "${scratch}/lb-${me}-endpoints",
}
concat { 'motd':
  path => "${scratch}/lb-${me}-motd",
}

Pp::Endpoint <<| tag == 'LB' and port == 80 |>>
Pp::Endpoint <<| tag == 'lb' and (port == '8080' or title == 'nothing-has-this-title') |>>
Concat::Fragment <<| tag == 'motd' |>>
Host <<| |>> {
  target => "${scratch}/lb-${me}-hosts",
}
Sshkey <<| title != 'web2.example.com' |>> {
  target => "${scratch}/lb-${me}-known_hosts",
}
File <<| tag == 'files' and title == "${scratch}/exported-web1.txt" |>>

$active = puppetdb_query('nodes[certname] { catalog_environment = "production" order by certname }')
$hosts = puppetdb_query(['from', 'resources', ['extract', ['certname', 'title'], ['and', ['=', 'type', 'Host'], ['=', 'exported', true]]], ['order_by', ['certname', 'title']]])
notify { 'what puppetdb knows':
  message => "nodes: ${active.map |$n| { $n['certname'] }.join(' ')}; exported hosts: ${hosts.map |$h| { $h['title'] }.join(' ')}",
}
