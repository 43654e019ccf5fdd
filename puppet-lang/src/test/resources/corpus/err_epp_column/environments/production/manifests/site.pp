file { '/etc/motd': content => epp('tpl/motd.epp') }
