node 'other.example.com', /^node\d+\./ {
  notify { 'regex-or-list': message => "matched ${0}" }
}
node /example/ {
  notify { 'second-regex': }
}
node 'node1' {
  notify { 'short name': }
}
node default {
  notify { 'default': }
}
