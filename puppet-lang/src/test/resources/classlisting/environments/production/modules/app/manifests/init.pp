# Every kind of default: literals, collections, expressions, interpolation, facts, function calls.
class app (
  String $a_string = 'x',
  String $dq = "double",
  String $interp = "v-${facts['os']['family']}",
  Integer $port = 8080,
  Float $ratio = 1.5,
  Integer $negative = -1,
  Boolean $enabled = true,
  Optional[Integer] $maybe = undef,
  Array[String] $list = ['a', 'b'],   # trailing comment
  Hash[String, Integer] $map = { 'one' => 1, 'two' => 2 },
  Enum['present', 'absent'] $ensure = present,
  $untyped,
  $untyped_default = 42,
  Variant[String, Array[String, 1]] $servers = lookup('app::servers', {
    'default_value' => [],
  }),
  String[1] $computed = "${a_string}-suffix",
  Optional[Hash] $nested = { 'k' => [1, { 'deep' => undef }] },
  Integer[1, 65535] $range = 1 + 2,
  Struct[{ name => String, Optional[size] => Integer }] $struct = { 'name' => 'n' },
  Stdlib::Port $alias_type = 443,
  Pattern[/^a/] $pat = 'abc',
  Any $dflt = default,
  Array $empty = [],
  Tuple[String, Integer] $tuple = ['s', 1],
) inherits app::params {
  class nested_inside ($x = 1) { }
}
