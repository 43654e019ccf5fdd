require 'puppet/parameter/boolean'

# A custom type: ensurable, a namevar declared with the Ruby 1.9 hash syntax, properties and parameters.
Puppet::Type.newtype(:shop_widget) do
  @doc = 'A widget the shop sells.'
  ensurable do
    defaultvalues
    defaultto :present
  end

  newparam(:sku, namevar: true) do
    desc 'Stock keeping unit.'
    validate do |value|
      raise ArgumentError, 'sku must not be empty' if value.empty?
    end
  end

  newproperty(:price) do
    munge { |v| Float(v) }
  end

  newparam(:gift_wrap, boolean: true, parent: Puppet::Parameter::Boolean)

  autorequire(:file) { ['/etc/shop'] }
end
