notify { 'x':
  message => strftime(Timestamp('2020-01-01'), 'at %H:%M %'),
}
