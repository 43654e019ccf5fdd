notify { 'a':
  message => 'x'
  withpath => true,
}
