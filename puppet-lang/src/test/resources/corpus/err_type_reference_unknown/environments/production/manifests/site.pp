define app::config (
  Shapez::Absolutepath $base = '/tmp',
) {
  notify { $base: }
}
app::config { 'one': }
