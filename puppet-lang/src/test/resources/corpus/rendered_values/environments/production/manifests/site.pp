# how values render in a catalog: a parameter's own Sensitive is listed as sensitive, one inside a value stays
# rich data; other non-data values become strings
notify { 'x':
  message => {
    's' => Sensitive('secret'),
    'l' => [Sensitive('a'), 1],
    'r' => /ab+/,
    't' => Integer[1,2],
    'ts' => Timestamp('2020-01-01T00:00:00Z'),
    'd' => default,
    'ref' => File['/x'],
    'u' => undef,
  },
}
notify { 'top': message => /ab+/ }
notify { 'top2': message => Timestamp('2020-01-01T00:00:00Z') }
notify { 'top3': message => Integer[1,2] }
notify { 'top4': message => default }
notify { 'top5': message => Sensitive('s') }
