# Puppet's version, settings and version order as module code compares them.
Puppet::Functions.create_function(:'api::puppet_facts') do
  def puppet_facts
    cmp = Puppet::Util::Package
    {
      'modern'   => cmp.versioncmp(Puppet.version, '4.6.0') >= 0,
      'below_8'  => cmp.versioncmp(Puppet::PUPPETVERSION, '8.0.0').negative?,
      'order'    => ['1.10', '1.9', '1.0-rc1', '1.0', '01.2', '1.a', '1.B'].sort { |a, b| cmp.versioncmp(a, b) },
      'zeroes'   => cmp.versioncmp('2.0.0', '2', true),
      'strict'   => Puppet.settings[:strict].to_s,
    }
  end
end
