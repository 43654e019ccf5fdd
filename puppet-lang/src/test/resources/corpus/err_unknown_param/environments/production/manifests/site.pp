define app::site (String $docroot = '/') { }
app::site { 'x': nosuch => 1 }
