# an exec's command is not its identity: two execs may run the same command
exec { 'first': command => '/usr/bin/make' }
exec { 'second': command => '/usr/bin/make', cwd => '/srv' }
