# Converting an unset value to a Float is refused with the name of the function Ruby Puppet dispatches to.
class php_runtime($version = undef) {
  if Float($version) < 7.4 {
    notify { 'old php_runtime': }
  }
}
include php_runtime
