notify { 'rich':
  message => Timestamp('2020-01-02T03:04:05.5Z'),
}
notify { 'span':
  message => Timespan(90),
}
