api_mount { '/srv': dump => '1' }
notify { 'module': message => api::inspect_module('api') }
notify { 'missing module': message => api::inspect_module('nothere') }
notify { 'functions': message => api::known_functions(['api::tally', 'api_flags', 'lookup', 'nothere']) }
notify { 'puppet': message => api::puppet_facts() }
notify { 'hash': message => api::tally({ 'a' => 1, 'b' => 2 }) }
notify { 'array': message => api::tally([3, 4]) }
notify { 'string': message => api::tally('xy') }
$loud = api::shout(Sensitive('quiet'))
notify { 'sensitive': message => "${loud} / ${loud.unwrap}" }
notify { 'flags': message => api_flags({ 'user' => 'www', 'home' => '/srv' }) }
notify { 'quote': message => api::quote('later') }
