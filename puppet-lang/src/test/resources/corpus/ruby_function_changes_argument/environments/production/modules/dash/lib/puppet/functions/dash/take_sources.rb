# Collects the 'source' of each provider and removes it from the Hash it was given, in place.
Puppet::Functions.create_function(:'dash::take_sources') do
  dispatch :take_sources do
    param 'Hash', :settings
  end

  def take_sources(settings)
    settings['providers'].map { |provider| provider.delete('source') }.compact
  end
end
