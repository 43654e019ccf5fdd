web::site { 'shop': ports => [80, 443, 8080], auth_basic => 'Restricted' }
web::site { 'blog': ports => [80, 81] }
