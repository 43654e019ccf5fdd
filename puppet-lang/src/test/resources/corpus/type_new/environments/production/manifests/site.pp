notify { 'type_new': message => [String(Type(Array)), type([1]) =~ Type(Array), Type(Array) == Array, [1] =~ Type(Array)] }
