define shapes::check (Shapes::Base64 $b64, Shapes::Hostish $host) {
  notify { "check ${title}": message => "${b64} ${host}" }
}
shapes::check { 'one': b64 => 'aGVsbG8=', host => 'web-01.example' }
shapes::check { 'two': b64 => 'aGk', host => 'fe80:0:1' }
$text = "first\nsecond line\nthird"
$found = [
  $text =~ /^second/,
  $text =~ /\Asecond/,
  $text =~ /line$/,
  $text =~ /(?m)first.second/,
  'a{b' =~ /a{b/,
  'x-y' =~ /\A[[:alpha:]-]+\z/,
  'curly ${x}' =~ /\$\{\w+}/,
]
notify { 'found': message => $found }
if 'key_name=value' =~ /(?<the_key>\w+)=(?<the_value>\w+)/ {
  notify { "named ${1} ${2}": }
}
