package { 'vim': ensure => installed, colour => 'blue' }
