node 'other.example.com', 'node1.example.com' {
  class { 'svc': port => 9000 }
  include svc
  notify { 'refs': require => [Class['svc'], Resource['package', 'svc-pkg']] }
  @@file { '/exported/here': content => 'mine', tag => 'exp' }
  File <<| tag == 'exp' |>>
  package { 'chain-a': } -> file { '/chain/b': } ~> service { 'chain-c': }
  Package <| title == 'chain-a' |> -> Notify <| title == 'refs' |>
  file { '/secret': content => Sensitive('s3cr3t'), mode => '0600' }
  @svc::site { 'virtual-site': }
  realize(Svc::Site['virtual-site'])
  svc::site { 'named': name => 'custom-name' }
  tag 'nodetag'
  notify { 'tagged': message => "${tagged('nodetag')} ${tagged('svc')}" }
  [$x, $y] = [1, 2]
  notify { 'destructure': message => "${x} ${y} ${-7 / 2} ${-7 % 3} ${7.0 / 2}" }
  $lam = [[1, 2], [3, 4]].map |$pair| { $pair[0] * $pair[1] }
  $lam2 = [1, 2, 3].map |$v, $w = 'd'| { "${v}${w}" }
  notify { 'lambdas': message => "${lam} ${lam2}" }
  notify { 'methods': message => "${facts['hostname'].upcase} ${[3, 1, 2].sort} ${'a,b'.split(',')} ${[1, 2].join('-')} ${'x'.length}" }
}
