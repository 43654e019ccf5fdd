# Helper 3.x functions in the file of the one they serve, defined before it: known once this file has been loaded,
# as in Ruby Puppet.
module Puppet::Parser::Functions
  newfunction(:'api::quote', type: :rvalue) do |args|
    "'#{args[0]}'"
  end

  newfunction(:'api::count', type: :rvalue) do |args|
    args.size
  end

  newfunction(:api_flags, type: :rvalue) do |args|
    flags = args[0].map { |key, value| "--#{key}=#{call_function('api::quote', [value])}" }
    flags << "(#{call_function('api::count', args[0])} pairs)"
    flags.join(' ')
  end
end
