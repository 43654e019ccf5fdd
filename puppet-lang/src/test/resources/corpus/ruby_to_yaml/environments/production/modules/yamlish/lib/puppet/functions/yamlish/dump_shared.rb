# The same Array twice in one document: Psych writes an anchor and an alias.
Puppet::Functions.create_function(:'yamlish::dump_shared') do
  def dump_shared
    ports = [80, 443]
    { 'frontend' => ports, 'backend' => ports, :mode => :strict }.to_yaml
  end
end
