# A Ruby function's own local types accept what their definitions accept.
notify { 'from array': message => checks::count_entries(['a', 'b', 'c']) }
notify { 'from hash': message => checks::count_entries({ 'x' => 1 }, 'checks') }
