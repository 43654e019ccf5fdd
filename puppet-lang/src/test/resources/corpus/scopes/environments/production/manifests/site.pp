$top = 'top value'
File { mode => '0600' }
node default {
  $nodevar = 'node value'
  File { owner => 'nodeowner' }
  include app
  app::thing { 'one': }
  notify { "node sees ${app::exported} and ${::top}": }
}
