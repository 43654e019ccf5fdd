[1, 'two'].each |Integer $n| { notify { "n${n}": } }
