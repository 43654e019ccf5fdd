define web::site(Array[Integer] $ports, Optional[String] $auth_basic = undef, Optional[String] $nothing = undef) {
  file { "/etc/web/${title}.conf":
    content => template('web/site.erb'),
  }
}
