#!/usr/bin/env ruby
# Ruby Puppet's side of the Forge harness: compiles every case of WORK/cases.tsv on every fact set of facts/ with
# Debian's Ruby Puppet as `puppet catalog find NODE --terminus compiler` does, in a few long-lived processes, and
# writes WORK/ruby/MODULE/CASE.NODE.json (the catalog as `--render-as json` prints it) or .error (the message Ruby
# reports). Each output is kept with the digest of what made it (Puppet's version, the modules' commits, the case
# and the facts), so a re-run compiles only what changed. Usage: reference.rb WORK [JOBS [MODULE...]]  (JOBS: 2)
require 'digest'
require 'fileutils'
require 'json'
require 'timeout'
$stdout.sync = true

here = File.expand_path(__dir__)
work = File.expand_path(ARGV[0] || abort('usage: reference.rb WORK [JOBS]'))
jobs = Integer(ARGV[1] || 2)
only = ARGV[2..] || []
facts_dir = File.join(here, 'facts')
nodes = Dir.glob(File.join(facts_dir, '*.yaml')).sort.map { |f| File.basename(f, '.yaml') }
root = File.join(work, 'ruby-puppet')
%w[conf var log yaml/facts].each { |d| FileUtils.mkdir_p(File.join(root, d)) }
nodes.each { |n| FileUtils.cp(File.join(facts_dir, "#{n}.yaml"), File.join(root, 'yaml/facts', "#{n}.yaml")) }

require 'puppet'
Puppet.initialize_settings(['--confdir', File.join(root, 'conf'), '--vardir', File.join(root, 'var'),
                            '--logdir', File.join(root, 'log'), '--codedir', work, # sites are WORK/environments/SITE
                            '--basemodulepath', File.join(root, 'none'), '--vendormoduledir', File.join(root, 'none'),
                            '--facts_terminus', 'yaml', '--clientyamldir', File.join(root, 'yaml')])
Puppet::Util::Log.newdestination(:console) if ENV['VERBOSE']
Puppet::Resource::Catalog.indirection.terminus_class = :compiler
Puppet::Node.indirection.terminus_class = :plain

modules = File.join(work, 'modules')
# what this server adds as $server_facts (its version, name and address), for the other side to use the same
server_facts = Puppet::Resource::Catalog.indirection.terminus(:compiler).instance_variable_get(:@server_facts)
File.write(File.join(work, 'server_facts.json'), JSON.pretty_generate(server_facts))
# and what its compiler gives code as $settings::NAME (the production environment's values, as merge_settings makes them)
settings = Puppet.settings.each_key.reject { |n| n == :name }.to_h do |n|
  v = Puppet.settings.value_sym(n, :production)
  [n.to_s, [String, Numeric, TrueClass, FalseClass, NilClass, Array, Hash].any? { |c| v.is_a?(c) } ? v : v.to_s]
end
File.write(File.join(work, 'settings.json'), JSON.pretty_generate(settings, allow_nan: true)) # maxwaitforcert: Infinity
# Puppet's own packages and Puppet Server ship the Resource API gem; Debian has it as ruby-puppet-resource-api
resource_api = begin
  Gem::Specification.find_by_name('puppet-resource_api').version.to_s
rescue Gem::MissingSpecError
  warn 'the puppet-resource_api gem is missing (apt-get install ruby-puppet-resource-api): types using it fail to load'
  'none'
end
stamp = Digest::SHA256.hexdigest(Puppet.version + resource_api + File.read(File.join(here, 'releases.tsv')) +
                                 File.read(File.join(work, 'settings.json')))

todo = []
File.readlines(File.join(work, 'cases.tsv')).each do |line|
  mod, id, = line.chomp.split("\t")
  next unless only.empty? || only.include?(mod)
  # a site is an environment of its own; a module case is a manifest compiled against the fetched modules
  manifest = mod == 'sites' ? File.join(work, 'environments', id) : File.join(work, 'cases', mod, "#{id}.pp")
  code = if mod == 'sites'
           Dir.glob(File.join(manifest, '**', '*')).sort.select { |f| File.file?(f) }.map { |f| f + File.read(f) }.join
         else
           File.read(manifest)
         end
  nodes.each do |node|
    out = File.join(work, 'ruby', mod, "#{id}.#{node}")
    key = Digest::SHA256.hexdigest(stamp + code + File.read(File.join(facts_dir, "#{node}.yaml")))
    next if File.exist?("#{out}.key") && File.read("#{out}.key") == key
    todo << [manifest, node, out, key]
  end
end
puts "#{todo.size} catalogs to compile with Ruby Puppet #{Puppet.version} (the rest are cached)"

def compile(manifest, node, modules)
  # a site is an environment of the environmentpath (WORK/environments), with its own hiera.yaml; a module case is
  # its manifest over the fetched modules, in an environment made for it
  environments = if File.directory?(manifest)
                   Puppet.lookup(:environments)
                 else
                   Puppet::Environments::Static.new(Puppet::Node::Environment.create(:production, [modules], manifest))
                 end
  env = environments.get(File.directory?(manifest) ? File.basename(manifest).to_sym : :production)
  Puppet.override(environments: environments, current_environment: env) do
    catalog = Timeout.timeout(120) { Puppet::Resource::Catalog.indirection.find(node, environment: env) }
    [:json, JSON.pretty_generate(JSON.parse(catalog.render(:json)))]
  end
rescue Exception => e # rubocop:disable Lint/RescueException: a case may raise anything, even SystemStackError
  raise if e.is_a?(Interrupt)
  [:error, e.message.sub(/ on node \S+\z/, '')]
end

pids = (0...jobs).map do |j|
  fork do
    todo.each_with_index do |(manifest, node, out, key), i|
      next unless i % jobs == j
      kind, text = compile(manifest, node, modules)
      FileUtils.mkdir_p(File.dirname(out))
      FileUtils.rm_f(["#{out}.json", "#{out}.error"])
      File.write("#{out}.#{kind}", text.to_s.gsub(work, '<work>'))
      File.write("#{out}.key", key)
      puts "#{i + 1}/#{todo.size}" if ((i + 1) % 200).zero?
    end
  end
end
pids.each { |pid| Process.wait(pid) }
puts 'done'
