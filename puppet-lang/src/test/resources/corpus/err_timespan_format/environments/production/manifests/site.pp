notify { 'span':
  message => strftime(Timespan(60), '%H:%Q'),
}
