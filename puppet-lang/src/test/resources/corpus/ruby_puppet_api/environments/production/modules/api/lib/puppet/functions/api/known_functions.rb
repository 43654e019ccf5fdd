# Which functions exist, asked as stdlib's has_function asks.
Puppet::Functions.create_function(:'api::known_functions', Puppet::Functions::InternalFunction) do
  dispatch :known do
    scope_param
    param 'Array[String]', :names
  end

  def known(scope, names)
    loader = scope.compiler.loaders.private_environment_loader
    names.to_h do |name|
      modern = !loader.load(:function, name).nil?
      legacy = Puppet::Parser::Functions.function(name.to_sym)
      [name, modern || (legacy.is_a?(String) && !legacy.empty?)]
    end
  end
end
