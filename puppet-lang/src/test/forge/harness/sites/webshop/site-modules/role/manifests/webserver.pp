class role::webserver {
  include profile::base
  include profile::web
}
