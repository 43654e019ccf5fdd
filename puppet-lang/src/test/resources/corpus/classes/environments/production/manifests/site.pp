stage { 'setup': before => Stage['main'] }
function site::double(Integer $x) >> Integer {
  $x * 2
}
class common (
  String $motd = "Welcome to ${facts['hostname']}",
  Integer[1, 10] $level = 3,
) {
  notify { 'common': message => "${motd} level ${level} double ${site::double($level)}" }
}
class early {
  notify { 'early': }
}
node 'web01.example.com' {
  class { 'early': stage => setup }
  include common
  class { 'web':
    port  => 8080,
    sites => { 'a.example.com' => { 'docroot' => '/srv/a' }, 'b.example.com' => {} },
  }
}
node /^db\d+/ {
  $dbnum = $0
  include common
  contain db
  require db::backup
  notify { "node ${dbnum}": }
}
node default {
  include common
  $r = defined(Class['common'])
  $t = defined('web::vhost')
  $u = defined(File['/nope'])
  notify { "defined ${r} ${t} ${u}": }
  $nums = [1, 2, 3, 4, 5, 6]
  $nums.each |$i, $n| { if $n % 2 == 0 { notify { "even ${i}:${n}": } } }
  $sq = $nums.map |$n| { $n * $n }
  $big = $nums.filter |$n| { $n > 4 }
  $sum = $nums.reduce(100) |$m, $n| { $m + $n }
  $pairs = $nums.slice(2)
  $rev = $nums.reverse_each
  $st = $nums.step(2)
  $w = with(1, 2) |$a, $b| { $a + $b }
  $hh = { 'x' => 1, 'y' => 2 }
  $hh.each |$k, $v| { notify { "hash ${k}=${v}": } }
  $hp = { 'p' => 1 }
  $hp.each |$pair| { notify { "pair ${pair}": } }
  notify { 'iter': message => "${sq} ${big} ${sum} ${pairs} ${rev} ${st} ${w}" }
  $conv = [Integer('0x1f'), Integer('017'), Integer('42'), String(255, '%x'), String(10, '%05d'), Float('2.5'), Boolean('yes'), Array({ 'k' => 'v' }), Hash([['a', 1]])]
  notify { 'conv': message => $conv }
  $checked = assert_type(Integer, 5)
  notify { "checked ${checked} ${type(5)} ${type('x')}": }
  create_resources('notify', { 'cr1' => { 'message' => 'one' }, 'cr2' => {} }, { 'withpath' => false })
  $early_loop = [1, 2, 3, 4].each |$n| { if $n == 3 { break() } notify { "loop ${n}": } }
  $nexted = [1, 2, 3].map |$n| { if $n == 2 { next('skipped') } $n }
  notify { 'nexted': message => $nexted }
}
