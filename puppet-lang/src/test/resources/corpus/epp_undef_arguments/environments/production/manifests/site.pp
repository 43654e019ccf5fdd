# undef arguments are dropped: a parameter takes its default, an unknown name is no error
notify { 'a':
  message => inline_epp('<%- | $a = "dflt", $b | -%><%= $a %>/<%= $b %>', { 'a' => undef, 'b' => undef, 'c' => undef }),
}
