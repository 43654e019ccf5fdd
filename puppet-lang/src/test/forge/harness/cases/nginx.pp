# As nginx's README shows: a proxied server and a static one with a location.
class { 'nginx': }
nginx::resource::server { 'kibana.myhost.com':
  listen_port => 80,
  proxy       => 'http://localhost:5601',
}
nginx::resource::server { 'www.example.com':
  www_root => '/var/www/html',
}
nginx::resource::location { 'static':
  location => '/static',
  server   => 'www.example.com',
  www_root => '/srv/static',
}
nginx::resource::upstream { 'puppet_rack_app':
  members => {
    'localhost:3000' => { server => 'localhost', port => 3000 },
    'localhost:3001' => { server => 'localhost', port => 3001 },
  },
}
