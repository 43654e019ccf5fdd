define foo() { }
notify { 'a': }
notify { 'c': }
Notify['a'] -> Foo <| title == 'x' |> -> Notify['c']
notify { 'd': require => undef }
Notify { require => Notify['a'] }
Notify['c'] -> [] -> Notify['d']
