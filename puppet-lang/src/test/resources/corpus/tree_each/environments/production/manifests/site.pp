# tree_each in both orders and with its options; generate runs a command on the compiling server.
$tree = [1, { 'a' => 'x', 'b' => [2, 3] }, [4]]
[['depth_first', true, true], ['breadth_first', true, true], ['depth_first', false, true], ['breadth_first', true, false]].each |$o| {
  $tree.tree_each({ 'order' => $o[0], 'include_containers' => $o[1], 'include_root' => $o[2] }) |$path, $value| {
    notify { "${o} ${path}": message => $value }
  }
}
[[1, 2]].tree_each |$value| {
  notify { "value only ${value}": }
}
notify { 'generated': message => generate('/bin/echo', 'hello', 'world') }
