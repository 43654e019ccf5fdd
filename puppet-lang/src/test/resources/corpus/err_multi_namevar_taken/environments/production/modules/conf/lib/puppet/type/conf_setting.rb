# A setting in a section of a config file: three namevars, filled from titles like 'section/setting'.
Puppet::Type.newtype(:conf_setting) do
  ensurable

  def self.title_patterns
    [
      [%r{^([^/]*)$}, [[:section]]],
      [%r{^(.*)/(.*)$}, [[:section], [:setting]]],
    ]
  end

  newparam(:setting) do
    isnamevar
  end

  newparam(:section) do
    isnamevar
  end

  newparam(:file) do
    isnamevar
    defaultto '/etc/app.conf'
  end

  newproperty(:value)
end
