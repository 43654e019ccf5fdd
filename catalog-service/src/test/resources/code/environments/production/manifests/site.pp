node default {
  include demo
  notify { 'identity':
    message => "certname ${trusted['certname']} role ${trusted['extensions']['pp_role']}",
  }
  notify { 'settings':
    message => "confdir ${settings::confdir} codedir ${settings::codedir} storeconfigs ${settings::storeconfigs}",
  }
  # what other nodes collect through the inventory (PuppetDB): the agent never applies it
  @@notify { "peer ${trusted['certname']}":
    message => '192.0.2.10',
    tag     => ['exported_peer'],
  }
  if $facts['collect_peers'] {
    Notify <<| tag == 'exported_peer' |>>
  }
  if $facts['role'] {
    notify { 'role':
      message => "role is ${facts['role']}",
    }
  }
}
