function site::pair($a, $b) { [$a, $b] }
$y = site::pair(1)
