# Web nodes: nginx with one server per vhost, static or proxied, and the firewall opened for HTTP.
class profile::web (
  Hash[String[1], Hash] $vhosts = {},
) {
  class { 'nginx':
    manage_repo => false,
  }
  $vhosts.each |String $name, Hash $vhost| {
    nginx::resource::server { $name:
      listen_port => $vhost['listen_port'],
      www_root    => $vhost['www_root'],
      proxy       => $vhost['proxy'],
    }
  }
  firewall { '100 allow http':
    dport => [80, 443],
    proto => 'tcp',
    jump  => 'accept',
  }
}
