# a name is not a variable
  foo = 3
notify { 'a': }
