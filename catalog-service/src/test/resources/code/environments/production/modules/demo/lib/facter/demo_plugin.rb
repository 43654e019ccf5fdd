Facter.add(:demo_plugin) do
  setcode { 'synced from demo' }
end
