notify {
  'a': message => 'one';
  ['b', 'a']: message => 'two';
}
