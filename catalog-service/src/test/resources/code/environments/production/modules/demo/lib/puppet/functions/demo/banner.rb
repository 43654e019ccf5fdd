# A module's Ruby function, run by catalog-service at compile time (in JRuby).
Puppet::Functions.create_function(:'demo::banner') do
  dispatch :banner do
    param 'String', :name
  end

  def banner(name)
    "#{name.upcase} is managed by #{closure_scope['trusted']['certname']}\n"
  end
end
