# Writes data as YAML the way Forge modules' own functions do: Ruby's to_yaml on the Puppet value.
Puppet::Functions.create_function(:'yamlish::dump') do
  dispatch :dump do
    param 'Any', :data
  end

  def dump(data)
    data.to_yaml
  end
end
