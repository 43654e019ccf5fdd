# What a Ruby Puppet server has loaded before any module code runs, so module code uses it without a require:
# rubygems and these standard libraries (as listed by $LOADED_FEATURES inside a function compiled by Debian's
# Puppet 7 on Ruby 3.1). Loading them all would cost every runtime seconds, so each is loaded on first use: its
# constants autoload, and the methods it adds to core classes load it on their first call.

module Puppetplane
  PRELOADED_CONSTANTS = {
    'rubygems' => %i[Gem],
    'json' => %i[JSON],
    'yaml' => %i[YAML Psych],
    'set' => %i[Set],
    'ipaddr' => %i[IPAddr],
    'digest' => %i[Digest],
    'base64' => %i[Base64],
    'uri' => %i[URI],
    'securerandom' => %i[SecureRandom],
    'openssl' => %i[OpenSSL],
    'pathname' => %i[Pathname],
    'stringio' => %i[StringIO],
    'strscan' => %i[StringScanner],
    'date' => %i[Date DateTime],
    'erb' => %i[ERB],
    'etc' => %i[Etc],
    'fileutils' => %i[FileUtils],
    'open3' => %i[Open3],
    'socket' => %i[Socket Addrinfo BasicSocket IPSocket TCPSocket TCPServer UDPSocket UNIXSocket UNIXServer],
    'zlib' => %i[Zlib],
    'rbconfig' => %i[RbConfig],
    'timeout' => %i[Timeout],
    'benchmark' => %i[Benchmark],
    'logger' => %i[Logger],
    'resolv' => %i[Resolv],
    'forwardable' => %i[Forwardable SingleForwardable],
    'singleton' => %i[Singleton],
    'ostruct' => %i[OpenStruct],
    'cgi' => %i[CGI],
    'net/http' => %i[Net],
    'find' => %i[Find],
    'monitor' => %i[Monitor MonitorMixin],
    'ripper' => %i[Ripper],
    'pp' => %i[PP],
    'prettyprint' => %i[PrettyPrint],
    'delegate' => %i[Delegator SimpleDelegator],
    'getoptlong' => %i[GetoptLong],
    'optparse' => %i[OptionParser OptParse],
    'syslog' => %i[Syslog],
    'tsort' => %i[TSort],
    'racc/parser' => %i[Racc]
  }.freeze

  PRELOADED_CONSTANTS.each do |library, constants|
    constants.each { |constant| Object.autoload(constant, library) unless Object.const_defined?(constant, false) }
  end

  # Defines NAMES in a module that OWNER includes (or, with singleton, extends): the first call loads LIBRARY,
  # whose own definition then takes the method over (a class's own methods come before its included modules).
  def self.load_on_call(owner, library, *names, singleton: false, private: false)
    stubs = Module.new
    names.each do |name|
      stubs.send(:define_method, name) do |*args, &block|
        require library
        if method(name).owner == stubs
          raise NoMethodError.new("undefined method `#{name}' for #{inspect}", name)
        end
        send(name, *args, &block)
      end
      stubs.send(:ruby2_keywords, name)
      stubs.send(:private, name) if private
    end
    singleton ? owner.singleton_class.include(stubs) : owner.include(stubs)
  end

  load_on_call(Object, 'yaml', :to_yaml)

  # Ruby Puppet's Psych writes through libyaml; JRuby's through SnakeYAML, which folds long quoted strings
  # differently. Plain data (no options) is written by the compiler's libyaml-like writer; anything else, or data
  # holding one Array or Hash twice (which Psych writes as an alias), is left to Psych.
  module LibyamlToYaml
    def to_yaml(options = {})
      if options.empty? && Puppetplane::LibyamlToYaml.plain?(self, {})
        written = Java::IoPuppetplaneLangRuby::LibyamlToYaml.dump(self)
        return written unless written.nil?
      end
      super
    end

    def self.plain?(value, seen)
      case value
      when nil, true, false then true
      when Integer then value.instance_of?(Integer) && value.bit_length < 64
      when Float then value.instance_of?(Float)
      when String then value.instance_of?(String) && value.valid_encoding? &&
        (value.encoding == Encoding::UTF_8 || value.ascii_only?)
      when Array
        value.instance_of?(Array) && !seen.key?(value.object_id) && (seen[value.object_id] = true) &&
          value.all? { |e| plain?(e, seen) }
      when Hash
        value.instance_of?(Hash) && value.default_proc.nil? && value.default.nil? &&
          !seen.key?(value.object_id) && (seen[value.object_id] = true) &&
          value.all? { |k, v| !k.is_a?(Array) && !k.is_a?(Hash) && plain?(k, seen) && plain?(v, seen) }
      else false
      end
    end
  end
  Object.prepend(LibyamlToYaml)
  load_on_call(Object, 'json', :to_json)
  load_on_call(Kernel, 'json', :JSON, private: true)
  load_on_call(Kernel, 'pathname', :Pathname, private: true)
  load_on_call(Kernel, 'uri', :URI, private: true)
  load_on_call(Kernel, 'delegate', :DelegateClass, private: true)
  load_on_call(Enumerable, 'set', :to_set)
  load_on_call(Time, 'time', :parse, :strptime, :iso8601, :xmlschema, :rfc2822, :rfc822, :httpdate, singleton: true)
  load_on_call(Time, 'time', :iso8601, :xmlschema, :rfc2822, :rfc822, :httpdate)
  load_on_call(Time, 'date', :to_date, :to_datetime)
  load_on_call(Dir, 'tmpdir', :tmpdir, :mktmpdir, singleton: true)
end

# English names the special globals; nothing to load lazily there, and it is cheap.
require 'English'
