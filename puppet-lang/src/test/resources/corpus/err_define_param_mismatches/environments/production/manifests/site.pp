class settings (Optional[String[1]] $pool, String $zone = 'z') {
  notify { "pool ${pool} ${zone}": }
}
include settings
define site::vhost (String $docroot, Optional[String] $alias_name, String $owner = 'root', Boolean $ssl = undef) {}
site::vhost { 'one.example.com': docroot => undef, alias_name => undef, owner => undef }
