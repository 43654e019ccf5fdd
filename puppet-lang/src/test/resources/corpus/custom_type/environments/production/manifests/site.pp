euca_component { 'cc01':
  ensure    => present,
  host      => $facts['networking']['ip'],
  partition => 'zone1',
}
euca_component { 'sc01':
  component => 'sc01',
  host      => '10.0.0.2',
}
Euca_component { partition => 'default-zone' }
