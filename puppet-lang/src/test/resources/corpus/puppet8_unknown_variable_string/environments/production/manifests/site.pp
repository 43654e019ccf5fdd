notify { 'x': message => "v=${undefined_var}" }
