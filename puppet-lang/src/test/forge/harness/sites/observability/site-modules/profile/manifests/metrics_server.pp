# The metrics server scrapes every node it is told of.
class profile::metrics_server (
  Array[String[1]] $targets = ['debian12.example.com:9100', 'rocky9.example.com:9100', 'ubuntu2204.example.com:9100'],
) {
  class { 'prometheus::server':
    version        => '2.52.0',
    scrape_configs => [
      {
        'job_name'        => 'nodes',
        'scrape_interval' => '30s',
        'static_configs'  => [{ 'targets' => $targets, 'labels' => { 'site' => 'main' } }],
      },
    ],
  }
}
