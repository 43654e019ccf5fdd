class app (Struct[{ name => String, Optional[port] => Integer }] $cfg = { 'name' => 'x', 'port' => '80' }) { }
include app
