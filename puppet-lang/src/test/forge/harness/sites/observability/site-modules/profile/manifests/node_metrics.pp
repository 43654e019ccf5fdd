# Every node exports its metrics: Prometheus' node exporter with the collectors the site wants.
class profile::node_metrics {
  class { 'prometheus::node_exporter':
    collectors_enable  => ['systemd', 'processes'],
    collectors_disable => ['wifi'],
    extra_options      => '--web.listen-address=:9100',
  }
}
