# Logs go to the site's collector (rsyslog's actions come from Hiera); local logs are rotated by rules from Hiera.
class profile::logging (
  Hash[String[1], Hash] $rotate = {},
) {
  include rsyslog
  include rsyslog::config
  include logrotate
  $rotate.each |String $name, Hash $rule| {
    logrotate::rule { $name:
      * => $rule,
    }
  }
}
