# Kernel modules and sysctls container hosts need.
class profile::kernel (
  Array[String[1]] $modules = [],
  Hash[String[1], Data] $sysctl = {},
) {
  $modules.each |$m| {
    kmod::load { $m: }
  }
  $sysctl.each |$key, $value| {
    sysctl { $key:
      ensure => present,
      value  => String($value),
    }
  }
}
