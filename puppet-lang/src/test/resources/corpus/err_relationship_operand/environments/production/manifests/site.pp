notify { 'a': }
Notify['a'] -> 'not a resource'
