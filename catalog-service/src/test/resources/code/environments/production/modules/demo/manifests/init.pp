# Manages one file from the module's files/ under a directory the node names (fact demo_dir).
class demo {
  $dir = $facts['demo_dir'] ? {
    undef   => '/tmp/puppetplane-demo',
    default => $facts['demo_dir'],
  }
  file { $dir:
    ensure => directory,
  }
  file { "${dir}/demo.txt":
    ensure => file,
    source => 'puppet:///modules/demo/demo.txt',
    mode   => '0640',
  }
  # a value the agent computes when it applies the catalog (sent as rich data)
  file { "${dir}/deferred.txt":
    ensure  => file,
    content => Deferred('join', [['computed', 'by', 'the', 'agent'], ' ']),
  }
  # a module's Ruby function computes this at compile time
  file { "${dir}/banner.txt":
    ensure  => file,
    content => demo::banner('demo'),
  }
}
