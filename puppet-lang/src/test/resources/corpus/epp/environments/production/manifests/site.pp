$x = 'outer'
file { '/a': content => epp('t/a.epp', { 'groups' => { 'adm' => ['alice', 'bob'], 'ops' => [] } }) }
file { '/plain': content => epp('t/plain.epp') }
notify { 'inline1': message => inline_epp('x=<%= $x %> y=<%= $y %>', { 'y' => 'why' }) }
notify { 'inline2': message => inline_epp('<%- | $a, $b = "dflt" | -%><%= $a %>-<%= $b %>', { 'a' => 'A' }) }
notify { 'inline3': message => inline_epp("  <%- if true { -%>\n  yes\n  <%- } -%>\nend") }
