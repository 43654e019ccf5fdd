# Where a module is and what its metadata says, through Puppet::Module and the compiler's environment.
Puppet::Functions.create_function(:'api::inspect_module', Puppet::Functions::InternalFunction) do
  dispatch :inspect_module do
    scope_param
    param 'String', :name
  end

  def inspect_module(scope, name)
    found = Puppet::Module.find(name, scope.compiler.environment.to_s)
    return 'absent' unless found
    "#{File.basename(found.path)} #{found.metadata['name']} in #{scope.compiler.environment}"
  end
end
