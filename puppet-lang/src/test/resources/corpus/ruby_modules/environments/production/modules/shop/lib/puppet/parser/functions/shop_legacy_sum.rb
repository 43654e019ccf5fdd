# A 3.x function: an argument array, `return` in the body, other functions as function_NAME, variables by name.
module Puppet::Parser::Functions
  newfunction(:shop_legacy_sum, type: :rvalue, arity: -2, doc: 'Adds numbers, counts empty strings.') do |args|
    return 'none' if args.empty?
    empties = args.count { |a| a == '' }
    total = args.reject { |a| a == '' }.map(&:to_i).sum
    "#{total}/#{empties}/#{lookupvar('role')}/#{function_shellquote(['a b', 'c'])}"
  end
end
