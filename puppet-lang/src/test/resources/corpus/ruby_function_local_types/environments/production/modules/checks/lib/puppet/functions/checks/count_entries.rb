# A function whose dispatch names types it defines itself with local_types.
Puppet::Functions.create_function(:'checks::count_entries') do
  local_types do
    type 'Entries = Variant[Hash, Array]'
    type 'Label = Pattern[/\A[a-z]+\z/]'
  end

  dispatch :count_entries do
    param 'Entries', :entries
    optional_param 'Label', :label
  end

  def count_entries(entries, label = 'entries')
    "#{entries.size} #{label}"
  end
end
