notify { 'a': }
notify { 'b': };
