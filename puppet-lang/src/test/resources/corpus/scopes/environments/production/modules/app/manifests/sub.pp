class app::sub inherits app::base {
  notify { "sub sees base ${basevar} and ${app::base::basevar} and app ${app::exported}": }
  file { '/tmp/sub': }
}
