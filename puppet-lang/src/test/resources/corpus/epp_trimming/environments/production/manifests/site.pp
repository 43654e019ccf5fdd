file { '/tmp/a':
  content => epp('t/a.epp', { 'items' => ['x', 'y'], 'mode' => 'b' }),
}
file { '/tmp/b':
  content => inline_epp("<%- | \$n | -%>\n  <%# a comment -%>\n  <%- if \$n > 1 { -%>\nmany\n<%- } -%>\n", { 'n' => 2 }),
}
