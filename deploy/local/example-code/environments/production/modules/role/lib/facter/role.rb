# The node's role (nc, cc, ...) for the site manifest's `case $role`: the first line of /etc/role, written before
# the node's first run. PUPPETPLANE_ROLE_FILE names another file, so tests and tools can give a node a role
# without touching the real /etc/role. No file (or an empty one) means no role fact.
Facter.add(:role) do
  setcode do
    path = ENV['PUPPETPLANE_ROLE_FILE'] || '/etc/role'
    if File.file?(path) && File.readable?(path)
      value = File.read(path).lines.first.to_s.strip
      value.empty? ? nil : value
    end
  end
end
