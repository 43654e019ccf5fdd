# a defined type declared at top level hands its noop, tag and loglevel to what it declares (unless they set their
# own); a class's resources hang from its stage and inherit nothing of this kind
define app::instance (String $port) {
  file { "/etc/app/${title}.conf": content => $port }
  service { "app-${title}": loglevel => 'debug' }
  app::vhost { $title: }
}
define app::vhost () {
  notify { "vhost ${title}": }
}
app::instance { 'blue':
  port     => '8080',
  tag      => 'colour',
  noop     => true,
  loglevel => 'warning',
}
class quiet {
  notify { 'in a class': }
}
class { 'quiet': noop => true }
