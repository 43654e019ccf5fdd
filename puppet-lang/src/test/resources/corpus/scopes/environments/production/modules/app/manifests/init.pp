class app {
  $exported = 'class var'
  $local = "${top} / ${nodevar} / ${::hostname} / ${facts['hostname']} / ${hostname}"
  file { '/tmp/app': content => $local }
  [1, 2].each |$i| {
    $inner = "lambda ${i} sees ${exported}"
    notify { $inner: }
  }
  notify { "after lambda inner is '${inner}'": }
  include app::sub
}
