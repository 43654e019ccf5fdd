class role::metrics_server {
  include profile::node_metrics
  include profile::metrics_server
}
