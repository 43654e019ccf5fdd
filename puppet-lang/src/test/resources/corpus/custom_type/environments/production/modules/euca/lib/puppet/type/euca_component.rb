Puppet::Type.newtype(:euca_component) do
  @doc = 'A Eucalyptus component registered with the cloud controller.'
  ensurable
  newparam(:component, :namevar => true) do
    desc 'The component name.'
  end
  newproperty(:host) do
    desc 'Where it runs.'
  end
  newparam(:partition) do
    desc 'The partition.'
  end
end
