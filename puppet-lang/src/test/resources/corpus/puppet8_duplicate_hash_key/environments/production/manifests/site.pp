$settings_for_app = {
  'port'  => 80,
  'owner' => 'www-data',
  'port'  => 8080,
}
notify { 'app': message => $settings_for_app['port'] }
