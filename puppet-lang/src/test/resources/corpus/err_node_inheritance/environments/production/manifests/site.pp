node 'other.example.com', /^node\d+\./ {
  notify { 'regex-or-list': }
}
node 'base' {
  notify { 'base': }
  $v = 'from base'
}
node 'node1.example.com' inherits base {
  notify { 'exact': message => $v }
}
node default {
  notify { 'default': }
}
