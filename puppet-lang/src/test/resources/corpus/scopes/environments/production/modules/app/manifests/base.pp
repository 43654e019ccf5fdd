class app::base {
  $basevar = 'from base'
}
