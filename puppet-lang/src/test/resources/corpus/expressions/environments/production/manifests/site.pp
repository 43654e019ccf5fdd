$n = 7
$f = 2.5
$a = [1, 2, 3, 'four']
$h = { 'b' => [10, 20], 'c' => { 'd' => 'deep' } }
$s = 'Hello World'
notify { 'arith': message => "${$n + 3} ${$n - 10} ${$n * 2} ${$n / 2} ${$n % 3} ${-$n} ${$n << 2} ${$n >> 1} ${$f * 2} ${1 + 0.5} ${'3' + 4}" }
notify { 'compare': message => "${$n > 3} ${$n < 3} ${$n >= 7} ${$n <= 6} ${$n == 7} ${'abc' == 'ABC'} ${$n != 7} ${'a' < 'b'}" }
notify { 'logic': message => "${true and false} ${true or false} ${!true} ${undef or 'x'}" }
notify { 'in': message => "${'or' in 'World'} ${2 in $a} ${'b' in $h} ${'z' in $h} ${/our/ in $a} ${Integer in $a}" }
if $s =~ /^(\w+) (\w+)$/ {
  notify { 'match': message => "all=${0} first=${1} second=${2}" }
}
notify { 'nomatch': message => "${$s !~ /xyz/} ${$s =~ String} ${$n =~ Integer[1, 5]}" }
notify { 'access': message => "${a[0]} ${a[-1]} ${a[1, 2]} ${h['b'][1]} ${h['c']['d']} ${s[0, 5]} ${s[-5, 5]} ${a[10]}" }
notify { 'collections': message => "${$a + [5]} ${$a - [1, 2]} ${$a << 9} ${$h + { 'e' => 1 }} ${$h - ['b']}" }
$sel = $facts['os']['family'] ? {
  'RedHat'          => 'yum',
  /^(Debian|Ubuntu)$/ => "apt-${1}",
  default           => 'unknown',
}
notify { 'selector': message => $sel }
case $facts['processors']['count'] {
  1: { $cpus = 'one' }
  2, 3: { $cpus = 'few' }
  default: { $cpus = 'many' }
}
case [$facts['kernel'], $facts['os']['release']['major']] {
  ['Linux', '11']: { $rel = 'bullseye' }
  ['Linux', '12']: { $rel = 'bookworm' }
  default: { $rel = 'other' }
}
unless $n > 10 {
  notify { 'unless': message => "cpus=${cpus} rel=${rel}" }
} else {
  notify { 'never': }
}
if $n == 1 { $w = 'one' } elsif $n == 7 { $w = 'seven' } else { $w = 'other' }
notify { 'elsif': message => $w }
$doc = @("EOT"/L)
  Host ${facts['hostname']}
    indented \
  continued
  | EOT
notify { 'heredoc': message => $doc }
$raw = @(RAW)
    keep $this ${literal}
    RAW
notify { 'heredoc_raw': message => $raw }
$trimmed = @("END")
  line one
  line two\tTab
  |- END
notify { 'heredoc_trim': message => $trimmed }
notify { 'escapes': message => "tab\there\nnl \$dollar \"q\" \\ back \u{1F600} \u00e9 'single'" }
notify { 'single': message => 'no $interp \n here \\ \' quote' }
notify { 'methods': message => "${a.map |$x| { "<${x}>" }} ${[3, 1, 2].filter |$x| { $x > 1 }} ${h['b'].reduce |$m, $x| { $m + $x }}" }
$empty = ''
notify { 'truthy': message => "${if $empty { 'yes' } else { 'no' }} ${if undef { 'yes' } else { 'no' }} ${if [] { 'yes' } else { 'no' }}" }
notify { 'types':
  message => [Integer, String[1, 10], Optional[Integer], Array[String], Hash[String, Integer], Enum['a', 'b'], Variant[Integer, String]],
}
notify { 'values':
  message => { 'int' => 1, 'float' => 1.5, 'bool' => false, 'arr' => [1, 'a', true], 'nested' => { 'x' => [1, { 'y' => 2 }] }, 'hex' => 0x1F, 'oct' => 017 },
}
