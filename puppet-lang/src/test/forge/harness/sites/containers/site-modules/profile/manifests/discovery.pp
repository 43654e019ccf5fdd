# Service discovery: a Consul agent joining the site's servers.
class profile::discovery {
  class { 'consul':
    version        => '1.18.1',
    install_method => 'url',
    config_hash    => {
      'data_dir'   => '/opt/consul',
      'datacenter' => 'main',
      'node_name'  => $trusted['hostname'],
      'retry_join' => ['consul1.example.com', 'consul2.example.com'],
    },
  }
  User <| title == 'monitor' |>
}
