# A Ruby function that changes the Hash it was given changes the Puppet value itself, as in Ruby Puppet: the
# class parameter shown in the catalog has lost the keys the function deleted.
class dashboards(Hash $settings) {
  $sources = dash::take_sources($settings)
  notify { "sources: ${sources}": }
  notify { "settings now: ${settings}": }
}
class { 'dashboards':
  settings => {
    'version'   => 1,
    'providers' => [
      { 'name' => 'main', 'path' => '/var/lib/dash', 'source' => 'puppet:///modules/site/dash' },
      { 'name' => 'extra', 'path' => '/var/lib/dash-extra' },
    ],
  },
}
