notify { 'trusted':
  message => [$trusted['authenticated'], $trusted['certname'], $trusted['hostname'], $trusted['domain'], $trusted['extensions']],
}
