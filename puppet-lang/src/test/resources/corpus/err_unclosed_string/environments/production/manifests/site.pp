notify { 'x': message => "open }
