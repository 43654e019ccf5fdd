define vhosts (
  Array[Hash] $directories,
  Hash $options,
  Array[Hash] $logs,
) {
  file { "/etc/apache2/sites-enabled/${name}.conf":
    content => template('vhosts/directories.erb', 'vhosts/options.erb', 'vhosts/log.erb'),
  }
}
