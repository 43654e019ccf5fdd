file { '/a': path => '/b' }
file { '/b': ensure => file }
