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
}
