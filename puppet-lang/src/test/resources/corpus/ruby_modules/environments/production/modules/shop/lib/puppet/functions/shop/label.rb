require 'puppet/util/naming'
# Two dispatches chosen by the argument's type, a typed optional parameter and a call back into Puppet.
Puppet::Functions.create_function(:'shop::label') do
  dispatch :label_string do
    param 'String[1]', :name
    optional_param 'Shop::Tier', :tier
  end

  dispatch :label_number do
    param 'Integer', :number
  end

  def label_string(name, tier = 'bronze')
    call_function('join', [name.upcase, tier, Shop::Naming.suffix], '-')
  end

  def label_number(number)
    "node-#{format('%03d', number)}"
  end
end
