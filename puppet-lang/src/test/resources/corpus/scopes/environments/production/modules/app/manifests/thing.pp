define app::thing {
  file { "/tmp/thing-${title}": content => "${title} ${name} ${nodevar} ${top} ${module_name}" }
}
