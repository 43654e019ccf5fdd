class checked (
  Optional[String] $maybe,
  Integer $count,
  String $label = undef,
  Shapes::Port $port = 'http',
  Array[String] $names = [1, 'a', 2],
  Hash[String, Integer] $limits = {'a' => 'b'},
  Enum['a', 'b'] $mode = 'c',
  Variant[Integer, Enum['x']] $level = 'y',
  Shapes::Absolutepath $home = 'relative',
  Struct[{'host' => String, Optional['port'] => Shapes::Port}] $server = {'host' => 1, 'extra' => true},
  Variant[Pattern[/^file:/], Pattern[/^puppet:/], Shapes::Unixpath, Undef] $source = 'http://x',
  Array[Shapes::Port] $ports = ['80', 443, 70000],
  String[1] $nonempty = '',
  Tuple[String, Integer] $pair = ['a', 'b', 'c'],
) {}
class { 'checked': unknown => 1, maybe => undef }
