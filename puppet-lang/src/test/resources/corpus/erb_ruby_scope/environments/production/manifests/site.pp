vhosts { 'shop':
  directories => [{ 'path' => '/srv/shop', 'require' => 'ip 10.0.0.0/8' }, { 'path' => '/srv/shop/public' }],
  options     => { 'Indexes' => false, 'FollowSymLinks' => true, 'MultiViews' => false },
  logs        => [{ 'file' => 'access.log' }, { 'file' => 'json.log', 'format' => '%h %u' }],
}
