function site::double(Integer $x) >> Integer { $x * 2 }
$y = site::double('two')
