# String() without a format: a regexp gives its source, arrays and hashes show their values as code writes them
$r = /^a*b+\d$/
notify { 'regexps': message => [String($r), "${r}", String($r, '%p'), String($r, '%s'), String([$r]), String({'k' => $r})] }
notify { 'containers': message => [String([File['x'], Integer, default, undef, true, 1.5, "it's", "tab\there", /r/, Sensitive('s'), {'a' => [1]}])] }
notify { 'deferred': message => Deferred('join', [[Sensitive('secret')], ',']) }
