notify { 'before': }
$x = shop::check('bad')
