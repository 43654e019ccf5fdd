sprintf('%s', 'a') == 'a'
notify { 'a': }
