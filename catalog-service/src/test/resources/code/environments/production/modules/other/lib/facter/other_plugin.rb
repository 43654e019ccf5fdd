Facter.add(:other_plugin) do
  setcode { 'synced from other' }
end
