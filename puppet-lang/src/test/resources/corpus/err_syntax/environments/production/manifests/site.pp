notify { 'x':
  message => ,
}
