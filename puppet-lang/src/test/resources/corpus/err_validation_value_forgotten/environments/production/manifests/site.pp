Some prose before the code
notify { 'a': }
