# Raises for a bad value: the compile fails with the message, at the call.
Puppet::Functions.create_function(:'shop::check') do
  dispatch :check do
    param 'String', :value
  end

  def check(value)
    raise Puppet::ParseError, "shop::check(): '#{value}' is not an acceptable value" if value == 'bad'
    value
  end
end
