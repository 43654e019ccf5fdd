class ntp::config {
  file { $ntp::config:
    ensure  => file,
    owner   => 0,
    group   => 0,
    mode    => '0644',
    content => template("${module_name}/ntp.conf.erb"),
  }
  exec { 'ntp-sanity':
    command     => "test -s ${ntp::config}",
    refreshonly => true,
    subscribe   => File[$ntp::config],
  }
}
