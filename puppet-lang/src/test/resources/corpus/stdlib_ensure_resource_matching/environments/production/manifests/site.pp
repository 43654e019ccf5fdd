# ensure_resource and ensure_packages called twice with the same attributes declare the resource once: an
# attribute that is the namevar given as the title, or a reference to a class, still matches the first declaration.
class base_repo {
}
include base_repo

define app_user_entry(String $dir) {
  ensure_resource('file', "${dir}/users.conf", {
    ensure => file,
    path   => "${dir}/users.conf",
    mode   => '0640',
  })
  ensure_packages(['libapp-common'], { ensure => present, require => Class['base_repo'] })
}

app_user_entry { 'alice': dir => '/srv/app' }
app_user_entry { 'bob': dir => '/srv/app' }

$found_by_name = defined_with_params(File['/srv/app/users.conf'], { name => '/srv/app/users.conf' })
notify { "found by name: ${found_by_name}": }

# a namevar set from the title alone is no attribute of the resource; given with the title's value, it is
package { 'tool-from-title': }
package { 'tool-given': name => 'tool-given' }
$from_title = defined_with_params(Package['tool-from-title'], { name => 'tool-from-title' })
$given = defined_with_params(Package['tool-given'], { name => 'tool-given' })
notify { "namevar from title: ${from_title}, given: ${given}": }
