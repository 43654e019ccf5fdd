# The site of "Using Puppet with Eucalyptus", in today's syntax: the role fact
# (written to /etc/role before the first run) picks the Eucalyptus components.
stage { ['pre', 'post']: }
Stage['pre'] -> Stage['main'] -> Stage['post']

class first {
  include ntp
  include euca_deps
  include euca_repo
  notify { 'myrole':
    message => "my role is ${facts['role']}",
  }
}

class second {
  case $facts['role'] {
    'cc': { include euca_cc, euca_sc }
    'nc': { include hypervisor, euca_nc }
    default: { }
  }
}

class third {
  include certs
}

node default {
  class { 'first': stage => pre }
  class { 'second': stage => main }
  class { 'third': stage => post }
}
