# An invalid tag given in a define's body: Ruby reports it at its own line, then at the define's declaration.
define wrapper::conf(String $label) {
  notify { "conf ${title}":
    tag => $label,
  }
}
class app {
  wrapper::conf { 'main':
    label => '10-main site,_default.conf',
  }
}
include app
