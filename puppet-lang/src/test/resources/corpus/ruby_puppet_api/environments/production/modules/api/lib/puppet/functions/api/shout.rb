# A Sensitive argument arrives as Puppet's Sensitive: unwrapped here, handed back wrapped.
Puppet::Functions.create_function(:'api::shout') do
  dispatch :shout do
    param 'Variant[String, Sensitive[String]]', :secret
  end

  def shout(secret)
    secret = secret.unwrap if secret.is_a?(Puppet::Pops::Types::PSensitiveType::Sensitive)
    Puppet::Pops::Types::PSensitiveType::Sensitive.new(secret.upcase)
  end
end
