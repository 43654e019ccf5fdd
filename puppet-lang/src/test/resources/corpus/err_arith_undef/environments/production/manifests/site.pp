class holder { }
include holder
$merged = $holder::missing + { a => 1 }
