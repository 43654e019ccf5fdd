$base = 8000
notify { 'port': message => $base + '80' }
