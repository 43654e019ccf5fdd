gadget { 'acme/rocket':
  ensure => present,
  colour => 'red',
}
gadget { 'widget':
  maker => 'acme',
}
