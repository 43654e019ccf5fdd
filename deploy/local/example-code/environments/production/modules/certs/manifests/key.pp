# One key file fetched from the eucakeys mount; private keys stay private.
define certs::key (
  String $keydir,
) {
  $mode = $title ? {
    /-pk\.pem$/ => '0600',
    default     => '0644',
  }
  file { "${keydir}/${title}":
    ensure => file,
    owner  => 'eucalyptus',
    mode   => $mode,
    source => "puppet:///eucakeys/${title}",
  }
}
