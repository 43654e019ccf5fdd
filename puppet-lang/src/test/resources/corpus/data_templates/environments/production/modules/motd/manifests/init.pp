class motd (
  String $banner,
  String $owner = 'nobody',
  Array[String] $extra_lines = [],
  Boolean $show_ip = true,
) {
  file { '/etc/motd':
    ensure  => file,
    content => epp('motd/motd.epp', {
      'banner'  => $banner,
      'owner'   => $owner,
      'lines'   => $extra_lines,
      'show_ip' => $show_ip,
    }),
  }
  file { '/etc/issue':
    content => template('motd/issue.erb'),
  }
  $inline = inline_epp('<%= $banner %> on <%= $facts["hostname"] %><% if $show_ip { %> (<%= $facts["networking"]["ip"] %>)<% } %>')
  notify { 'inline': message => $inline }
  notify { 'inline_erb': message => inline_template('<%= @owner.upcase %> has <%= @extra_lines.size %> lines') }
}
