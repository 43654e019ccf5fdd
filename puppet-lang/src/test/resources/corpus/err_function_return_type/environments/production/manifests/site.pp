function site::bad() >> Integer { 'nope' }
$y = site::bad()
