#!/usr/bin/ruby
# Regenerates expected-fqdn.tsv by running Ruby Puppet's own fqdn_rand (puppet/parser/functions/fqdn_rand.rb) and
# stdlib's fqdn_rotate through a Puppet scope whose fqdn facts are set per case.
require 'puppet'
require 'json'
Puppet.initialize_settings(['--confdir', Dir.mktmpdir, '--vardir', Dir.mktmpdir])
Puppet[:modulepath] = '/usr/share/puppet/modules'
dir = File.dirname(File.expand_path(__FILE__))
out = File.open(File.join(dir, 'expected-fqdn.tsv'), 'w')
File.readlines(File.join(dir, 'fqdn-cases.txt')).each do |line|
  next if line.start_with?('#') || line.strip.empty?
  fn, fqdn, args = line.chomp.split("\t")
  facts = Puppet::Node::Facts.new('n', 'fqdn' => fqdn, 'networking' => { 'fqdn' => fqdn })
  node = Puppet::Node.new('n', facts: facts)
  node.merge(facts.values) # legacy top-scope facts such as $::fqdn, which fqdn_rotate reads
  compiler = Puppet::Parser::Compiler.new(node)
  compiler.send(:set_node_parameters)
  scope = compiler.topscope
  Puppet.override(global_scope: scope, loaders: Puppet::Pops::Loaders.new(node.environment)) do
    result = scope.call_function(fn, JSON.parse(args))
    out.puts [fn, fqdn, args, JSON.generate([result])].join("\t")
  end
end
out.close
