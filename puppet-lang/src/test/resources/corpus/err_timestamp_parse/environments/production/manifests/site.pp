$ok = Timestamp('2020-01-02T03:04:05Z')
notify { 'when': message => "${Timestamp('2020-13-45 xx')}" }
