class app ($x = 1) { }
include app
class { 'app': x => 2 }
