class role::monitored {
  include profile::node_metrics
}
