#!/usr/bin/python3
"""What Puppetboard and fleet scripts ask PuppetDB, asked with Debian's pypuppetdb 2.2; the answers go to stdout as
JSON for PypuppetdbClientTest. Usage: pypuppetdb_client.py HOST PORT NODE"""
import json
import sys

from pypuppetdb import connect

host, port, node_name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
db = connect(host=host, port=port, timeout=30)
# (pypuppetdb 2.2's server_time() fails in the client itself: it reads an attribute it never sets)
out = {'version': db.current_version()}

out['nodes'] = [{'name': n.name, 'status': n.status, 'events': n.events,
                 'report_timestamp': str(n.report_timestamp)}
                for n in db.nodes(with_status=True, with_event_numbers=True)]
node = db.node(node_name)
out['node'] = {'name': node.name, 'facts_environment': node.facts_environment,
               'catalog_timestamp': str(node.catalog_timestamp)}
out['node_facts'] = sorted({f.name for f in node.facts()})
out['fact_names'] = sorted(db.fact_names())
out['exported'] = [{'node': r.node, 'type': r.type_, 'title': r.name, 'exported': r.exported}
                   for r in db.resources(query='["=","exported",true]')]
out['reports'] = [{'hash': r.hash_, 'status': r.status, 'node': r.node,
                   'events': [{'status': e.status, 'type': e.item['type'], 'title': e.item['title']}
                              for e in r.events()]}
                  for r in node.reports()]
catalog = db.catalog(node_name)
out['catalog'] = {'node': catalog.node, 'resources': len(list(catalog.get_resources())),
                  'edges': len(list(catalog.get_edges()))}
out['inventory'] = [{'node': i.node, 'facts': len(i.facts)} for i in db.inventory()]
out['num_nodes'] = db.metric('puppetlabs.puppetdb.population:name=num-nodes')
print(json.dumps(out, default=str))
