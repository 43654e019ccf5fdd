# Gem::Version without a require: Ruby Puppet's Ruby has rubygems loaded.
Puppet::Functions.create_function(:'libs::versions') do
  dispatch :sorted do
    param 'Array[String]', :versions
  end

  def sorted(versions)
    versions.sort_by { |v| Gem::Version.new(v) }
  end
end
