package { 'vim': alias => ['editor', 'vi'] }
exec { 'x': command => '/bin/true', require => Package['vi'] }
Package['editor'] { ensure => latest }
file { '/etc/a': path => '/etc/b' }
File['/etc/b'] { mode => '0600' }
package { 'editor-pkg': name => 'editor2' }
