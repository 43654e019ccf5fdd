define app::port (Integer[1, 65535] $port) { }
app::port { 'web': port => 70000 }
