class app (Integer $port = 80) { notify { "port ${port}": } }
class { 'app': port => 'eighty' }
