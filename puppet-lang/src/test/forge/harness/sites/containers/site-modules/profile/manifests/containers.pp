# Docker and the containers of this node, with the deploy account realized for them.
class profile::containers (
  Hash[String[1], Hash] $services = {},
) {
  class { 'docker':
    use_upstream_package_source => false,
    log_driver                  => 'journald',
  }
  $services.each |String $name, Hash $svc| {
    docker::run { $name:
      image            => $svc['image'],
      ports            => $svc['ports'],
      env              => $svc['env'],
      command          => $svc['command'],
      depend_services  => $svc.get('depends', []).map |$d| { "${d}.service" },
      extra_parameters => ['--restart=unless-stopped'],
    }
  }
  User <| tag == 'service-account' and title == 'deploy' |> {
    groups => ['docker'],
  }
}
