# A type whose only namevar is not called name: 'name' in a declaration is another word for it.
Puppet::Type.newtype(:bundle_fetch) do
  ensurable
  newparam(:location, namevar: true)
  newparam(:origin)
end
