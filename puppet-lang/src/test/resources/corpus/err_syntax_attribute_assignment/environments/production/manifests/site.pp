notify { 'a':
  message => startup=1,
}
