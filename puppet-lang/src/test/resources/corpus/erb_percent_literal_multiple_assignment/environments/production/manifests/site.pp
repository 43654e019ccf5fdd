$values = ['a', 'b']
$pairs = ['x = 1', 'y=2']
file { '/tmp/t': content => template('t/t.erb') }
