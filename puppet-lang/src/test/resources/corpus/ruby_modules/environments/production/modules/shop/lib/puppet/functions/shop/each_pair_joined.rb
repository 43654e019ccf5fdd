# A block parameter: the Puppet lambda is yielded to from Ruby; repeated parameters collect the rest.
Puppet::Functions.create_function(:'shop::each_pair_joined') do
  dispatch :joined do
    param 'Hash', :pairs
    repeated_param 'String', :extras
    block_param 'Callable[2, 2]', :block
  end

  def joined(pairs, *extras)
    pairs.map { |k, v| yield(k, v) } + extras
  end
end
