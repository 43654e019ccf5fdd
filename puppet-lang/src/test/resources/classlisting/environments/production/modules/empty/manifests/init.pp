# no classes here
$x = 1
