# No roles module here: node data lists profiles, resource defaults and virtual users are realized by tag.
File {
  owner => 'root',
  group => 'root',
}

@user { ['deploy', 'backup', 'monitor']:
  ensure => present,
  shell  => '/bin/bash',
  tag    => 'service-account',
}

node default {
  lookup('profiles', Array[String[1]], 'unique', []).each |String $profile| {
    include "profile::${profile}"
  }
}
