notify { 'a':
  message => inline_epp('<%- | $a | -%><%= $a %>', { 'a' => 1, 'c' => 2 }),
}
