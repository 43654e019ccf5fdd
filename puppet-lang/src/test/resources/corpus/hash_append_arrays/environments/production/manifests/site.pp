# An Array added to a Hash: an Array of Arrays is [key, value] pairs (a lone key maps to undef), any other Array
# alternates keys and values.
$base = { 'listen' => '0.0.0.0' }
$from_pairs = $base + [['port', 8080], ['workers', 4], ['debug']]
$from_flat = $base + ['port', 9090, 'workers', 2]
$from_empty = $base + []
notify { 'pairs': message => String($from_pairs) }
notify { 'flat': message => String($from_flat) }
notify { 'empty': message => String($from_empty) }
