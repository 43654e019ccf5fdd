# A library Puppet's Ruby does not have: the LoadError module code rescues is worded as Ruby words it.
Puppet::Functions.create_function(:'libs::optional_library') do
  def optional_library(name)
    require name
    'loaded'
  rescue LoadError => e
    e.message
  end
end
