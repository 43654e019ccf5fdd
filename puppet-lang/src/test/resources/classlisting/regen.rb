#!/usr/bin/env ruby
# Regenerates expected.json: what Debian's Ruby Puppet's class information service (the code behind puppetserver's
# environment_classes endpoint) answers for every .pp file of environments/production, keyed by path relative to
# the environment. Usage: ruby regen.rb
require 'puppet'
require 'json'
require 'puppet/info_service'
here = File.expand_path(File.dirname(__FILE__))
env = File.join(here, 'environments', 'production')
Puppet.initialize_settings(['--confdir', '/tmp/classlisting-conf', '--vardir', '/tmp/classlisting-var'])
files = Dir.glob(File.join(env, '**', '*.pp')).sort
result = Puppet::InfoService.classes_per_environment({ 'production' => files })['production']
out = {}
result.each do |path, info|
  rel = path.sub(env + '/', '')
  info = info.dup
  info[:error] = info[:error].gsub(env + '/', '') if info[:error]
  out[rel] = info
end
File.write(File.join(here, 'expected.json'), JSON.pretty_generate(out) + "\n")
