# to_yaml from module Ruby code and templates: long quoted strings fold at libyaml's width, multi-line strings
# become literal blocks, strings that read as other types are quoted.
$settings = {
  'alerts' => [
    {
      'name'    => 'disk_full',
      'summary' => '{{ $labels.instance }} of job {{ $labels.job }} has almost no disk left for more than ten minutes.',
      'plain'   => 'a long plain sentence that goes on and on past the eightieth column of the line so it folds somewhere',
      'single'  => "it's: a quoted one because of the colon and space, long enough that it needs a fold too, surely",
      'query'   => "sum(rate(errors[5m]))\n  / sum(rate(requests[5m]))\n",
    },
  ],
  'flags'  => ['yes', 'no', '1.5', '0755', '~', '', ' padded '],
  'limits' => { 'max' => 10, 'ratio' => 0.25, 'enabled' => true, 'unset' => undef },
}
file { '/etc/alerts.yaml': content => yamlish::dump($settings) }
file { '/etc/settings.yaml': content => template('yamlish/settings.erb') }
file { '/etc/shared.yaml': content => yamlish::dump_shared() }
