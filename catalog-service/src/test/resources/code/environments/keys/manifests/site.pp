node default {
  file { '/tmp/puppetplane-key.pem':
    ensure => file,
    source => 'puppet:///eucakeys/node-pk.pem',
  }
}
