notify { 'a':
  message => `true`,
}
