node default {
  include demo
  notify { 'identity':
    message => "certname ${trusted['certname']} role ${trusted['extensions']['pp_role']}",
  }
  notify { 'settings':
    message => "confdir ${settings::confdir} codedir ${settings::codedir} storeconfigs ${settings::storeconfigs}",
  }
  if $facts['role'] {
    notify { 'role':
      message => "role is ${facts['role']}",
    }
  }
}
