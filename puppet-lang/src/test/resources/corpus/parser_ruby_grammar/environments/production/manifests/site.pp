# Constructs Ruby Puppet's grammar accepts: key => value pairs without braces (in arrays, calls and type
# parameters), regular expressions over several lines, a resource type written capitalised, arguments of
# statement functions separated by commas, and 'in' binding tighter than a selector.
type Local::Pair = Struct[
  'source' => String,
  Optional['regex'] => String,
]
type Local::Minute = Pattern[/(?x)\A(
    \* ( \/ [0-9]+ )?
  | [0-9]+
  )\z/]
$list = ['a' => 1, 'b' => 2, 'c']
$pair = assert_type(Local::Pair, 'source' => 'x')
$minute = assert_type(Local::Minute, '*/5')
notice 'one', 'two'
Exec { 'capitalised':
  command => '/bin/true',
}
$h = { 'k' => 1 }
$found = 'k' in $h ? { true => 'found', default => 'missing' }
$nested = [1, [2, 3]]
notify { 'checks':
  message => "${list} ${pair} ${minute} ${found} ${nested[1][0]}",
}
node default {
  notify { "node ${trusted['certname']}": }
}
