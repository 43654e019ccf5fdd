# stdlib's resources and a spread of its functions, as its README documents them.
notify { 'x': }
file_line { 'sudo_rule':
  path => '/etc/sudoers',
  line => '%sudo ALL=(ALL) ALL',
}
anchor { 'stdlib::begin': }
ensure_packages(['ksh', 'openssl'], { 'ensure' => 'present' })
$merged = merge({ 'a' => 1 }, { 'b' => 2 })
$kv = join_keys_to_values({ 'a' => 1, 'b' => 2 }, '=')
notify { 'stdlib values':
  message => {
    'merged'    => $merged,
    'kv'        => $kv,
    'pick'      => pick(undef, '', 'fallback'),
    'json'      => stdlib::to_json_pretty({ 'x' => [1, 2] }),
    'deep'      => stdlib::merge({ 'a' => { 'b' => 1 } }, { 'a' => { 'c' => 2 } }),
    'ip'        => stdlib::ip_in_range('10.0.0.21', '10.0.0.0/24'),
    'batch'     => batch_escape('a b'),
    'shell'     => stdlib::shell_escape('a b'),
    'fqdn_rand' => fqdn_rand_string(10),
    'ensure'    => stdlib::ensure(true, 'service'),
    'seeded'    => seeded_rand(100, 'seed'),
    'ver'       => stdlib::crc32('abc'),
    'sha'       => stdlib::sha256('abc'),
    'str2res'   => "${stdlib::str2resource('Notify[x]')}",
    'type_of'   => type_of(1),
    'range'     => range('a', 'e'),
    'delete'    => delete(['a', 'b', 'a'], 'a'),
    'os'        => $facts['os']['family'],
  },
}
