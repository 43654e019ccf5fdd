node default {
  include demo
  notify { 'identity':
    message => "certname ${trusted['certname']} role ${trusted['extensions']['pp_role']}",
  }
  if $facts['role'] {
    notify { 'role':
      message => "role is ${facts['role']}",
    }
  }
}
