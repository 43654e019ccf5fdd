$h = undef
$v = $h['k']
