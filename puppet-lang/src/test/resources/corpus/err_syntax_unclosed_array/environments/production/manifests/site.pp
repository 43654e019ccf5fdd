$x = [1, 2
notify { 'b': }
