class app (
  Optional[String] $owner = undef,
  $group = undef,
) {
  $nothing = undef
  notify { 'undef values':
    message => "owner=${owner} group=${group} nothing=${nothing} unmatched=${1} module=${module_name}",
  }
  app::site { 'www': }
  if 'abc' =~ /^(a)(x)?/ {
    notify { 'groups': message => "0=${0} 1=${1} 2=${2} 3=${3}" }
  }
  notify { 'facts':
    message => "${facts['os']['family']} ${::osfamily} ${osfamily} ${trusted['certname']} ${server_facts['environment']} ${environment}",
  }
  notify { 'settings': message => "${settings::environment}" }
  notify { 'template': message => epp('app/known.epp', { 'given' => undef }) }
  notify { 'erb': message => template('app/known.erb') }
}
define app::site (Optional[String] $docroot = undef) {
  notify { "site ${title} ${name} ${docroot} ${module_name} ${caller_module_name}": }
}
