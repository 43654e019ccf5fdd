# 'name' given to a type whose namevar has another name sets that namevar; the catalog shows it under the
# namevar's name, or not at all when it is the title.
bundle_fetch { '/srv/bundles/one': ensure => present, name => '/srv/bundles/one', origin => 'mirror-a' }
bundle_fetch { 'two': ensure => present, name => '/srv/bundles/two', origin => 'mirror-b' }
file { '/srv/bundles': ensure => directory, name => '/srv/bundles' }
exec { 'refresh bundles': name => '/usr/bin/true' }
