$known = 'yes'
if $known == 'yes' and $not_set_anywhere {
  notify { 'never': }
}
notify { 'after': message => $known }
