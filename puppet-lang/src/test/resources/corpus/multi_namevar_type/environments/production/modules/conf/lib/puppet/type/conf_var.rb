# A variable in a shell-style file: 'name' is one of three namevars; titles are 'VAR in FILE' or just 'VAR'.
Puppet::Type.newtype(:conf_var) do
  newparam(:name) do
    isnamevar
  end

  newparam(:variable) do
    isnamevar
  end

  newparam(:target) do
    isnamevar
  end

  newproperty(:value)

  def self.title_patterns
    [
      [%r{^((\S+)\s+in\s+(\S+))$}, [[:name], [:variable], [:target]]],
      [%r{((\S+))}, [[:name], [:variable]]],
    ]
  end
end
