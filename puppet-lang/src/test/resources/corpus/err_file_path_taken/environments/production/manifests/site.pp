# a file whose path is another file's title
file { '/etc/motd': content => 'a' }
file { 'motd': path => '/etc/motd', content => 'b' }
