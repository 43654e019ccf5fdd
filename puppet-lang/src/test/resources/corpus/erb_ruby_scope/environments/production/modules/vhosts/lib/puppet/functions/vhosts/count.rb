# How many arguments the call brought: a template's Hash argument arrives splatted into its pairs.
Puppet::Functions.create_function(:'vhosts::count') do
  def count(*args)
    args.size
  end
end
