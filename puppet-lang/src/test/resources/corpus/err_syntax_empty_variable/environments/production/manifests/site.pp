notify { 'a':
  message => ${facts},
}
