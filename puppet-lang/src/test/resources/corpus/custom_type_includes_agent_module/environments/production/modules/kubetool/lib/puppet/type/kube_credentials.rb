# A type whose parameter includes one of Puppet's agent-side helper modules, as Forge types do for file modes.
Puppet::Type.newtype(:kube_credentials) do
  ensurable
  newparam(:path, namevar: true)
  newparam(:mode) do
    require 'puppet/util/symbolic_file_mode'
    include Puppet::Util::SymbolicFileMode
  end
  newparam(:token)
end
