foo:::bar { 'a': }
