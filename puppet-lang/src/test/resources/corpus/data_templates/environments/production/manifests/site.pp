include motd
$users = lookup('site::users', Hash, 'deep', {})
$users.each |$name, $cfg| {
  user { $name: uid => $cfg['uid'] }
}
$missing = lookup('site::nothing', { 'default_value' => 'fallback' })
$first = lookup('motd::owner')
notify { 'lookups': message => "${missing} ${first} ${join(keys($users), ',')} ${sprintf('%05.1f', 3.14159)}" }
notify { 'trusted': message => $trusted }
