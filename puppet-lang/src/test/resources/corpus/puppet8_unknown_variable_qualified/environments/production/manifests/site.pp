class app::params {
  $port = 8080
}
class app {
  notify { 'port': message => "port ${app::params::port}" }
}
include app
