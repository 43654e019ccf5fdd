# Shadowed: the demo module comes first in the modulepath and wins this path.
Facter.add(:demo_plugin) do
  setcode { 'synced from other' }
end
