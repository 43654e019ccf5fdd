# Site manifest: node definitions are not classes; a class declared here is listed.
class site_role (
  String $role = 'web',
) {
  notify { $role: }
}
node default {
  include site_role
}
