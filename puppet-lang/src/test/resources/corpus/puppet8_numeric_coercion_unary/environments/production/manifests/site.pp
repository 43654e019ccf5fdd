$offset = '5'
notify { 'offset': message => -$offset }
