# Answers every generated input with Debian's Ruby Puppet (Time#strftime as Puppet's Timestamp#format calls it,
# Puppet's Timespan#format and Timestamp.parse, Psych's to_yaml as stdlib's to_yaml calls it).
require 'puppet'
require 'json'
require 'yaml'
dir = ARGV[0]
def answer(dir, name)
  cases = JSON.parse(File.read(File.join(dir, name + '.json')))
  File.write(File.join(dir, name + '.ruby.json'), JSON.generate(cases.map { |c| begin; yield c; rescue StandardError => e; 'ERR ' + e.message; end }))
end
answer(dir, 'strftime') do |f, s, ns, tz|
  Puppet::Pops::Time::Timestamp.new(s * 1_000_000_000 + ns).format(f, tz)
end
answer(dir, 'timespan') { |f, n| Puppet::Pops::Time::Timespan.new(n).format(f) }
answer(dir, 'timestamp') { |s, f, tz| Puppet::Pops::Time::Timestamp.parse(s, f.nil? ? :default : f, tz).to_s }
answer(dir, 'to_yaml') { |v| v.to_yaml }
