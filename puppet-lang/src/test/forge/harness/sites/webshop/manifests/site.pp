# A roles-and-profiles site: each node's role comes from Hiera; roles only include profiles.
node default {
  $role = lookup('role', String[1], 'first', 'role::base')
  include $role
}
