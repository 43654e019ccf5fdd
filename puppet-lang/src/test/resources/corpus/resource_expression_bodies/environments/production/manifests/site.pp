# a body titled default gives its attributes to the other bodies of the expression (theirs win) and is no resource
file {
  default:
    ensure => file,
    owner  => 'root',
    mode   => '0644';
  '/etc/motd':
    content => epp('motd/banner', { 'site' => 'shop' }); # epp() finds banner.epp without the extension
  ['/etc/issue', '/etc/issue.net']:
    mode => '0600';
}
# new() hands back a value that already has the type
$t = Type(Array)
$i = Integer(7)
notify { "${t} ${i}": }
# a defined type given its title as name: the catalog leaves the name out
define motd::line (String $text) {}
motd::line { 'greeting': name => 'greeting', text => 'hi' }
create_resources('motd::line', { 'farewell' => { 'name' => 'farewell', 'text' => 'bye' } })
# a number as title (only create_resources takes one): no title tag, and its namevar shows the title's text
create_resources('motd::line', { 80 => { 'text' => 'port' } })
create_resources('file', { 82 => { 'ensure' => 'absent' } })
