class app::params {
  $x = 1
}
define app::instance (String $name_param = 'n') { }
class app::second () { }
