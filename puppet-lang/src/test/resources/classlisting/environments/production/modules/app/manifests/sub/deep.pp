class app::sub::deep (
  Optional[String] $opt = undef,
  Hash $h = { 1 => 'numeric key' },
) { }
