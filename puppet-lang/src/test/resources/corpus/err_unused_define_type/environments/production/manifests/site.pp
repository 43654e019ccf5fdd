notify { 'before': }
define app::example (
  Boolean $show = true,
  Shapez::AbsolutePath $base = '/tmp',
) {
  notify { $base: }
}
