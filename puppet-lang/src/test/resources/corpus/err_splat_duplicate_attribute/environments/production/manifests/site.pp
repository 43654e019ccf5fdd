$extra = { 'mode' => '0600' }
file { '/etc/motd':
  mode => '0644',
  *    => $extra,
}
