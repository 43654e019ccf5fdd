notify { 'a': }
notify { 443: }
