# a tag given by hand must be a valid tag
notify { 'report':
  tag => ['ok', 'not, valid'],
}
