# No dispatch: the method named like the function takes any arguments; scope access through closure_scope.
Puppet::Functions.create_function(:'shop::settings') do
  def settings(prefix = 'app')
    scope = closure_scope
    { 'prefix' => prefix, 'role' => scope['role'], 'nil_seen' => scope['no_such_variable'].nil?,
      'facts_os' => scope['facts']['os']['family'], 'float' => 1.5, 'list' => [1, nil, :undef, true] }
  end
end
