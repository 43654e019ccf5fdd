# The Eucalyptus package repository.
class euca_repo (
  String $release = '4.4',
) {
  file { '/etc/apt/sources.list.d/eucalyptus.list':
    ensure  => file,
    mode    => '0644',
    content => "deb http://downloads.eucalyptus.com/software/eucalyptus/${release}/debian stable main\n",
  }
  ~> exec { 'euca-apt-update':
    command     => '/usr/bin/apt-get update',
    refreshonly => true,
  }
}
