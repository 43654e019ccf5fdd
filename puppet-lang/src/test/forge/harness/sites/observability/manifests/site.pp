# Nodes matched by name; every node also takes the classes Hiera lists (merged across the hierarchy).
node /^debian/ {
  include role::metrics_server
}
node /^(rocky|ubuntu)/ {
  include role::monitored
}
lookup('classes', Array[String[1]], 'unique', []).include
