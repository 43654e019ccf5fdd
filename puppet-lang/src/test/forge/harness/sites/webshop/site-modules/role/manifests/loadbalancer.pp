class role::loadbalancer {
  include profile::base
  include profile::loadbalancer
}
