# puppetplane's compile-time Ruby surface for module code (loaded into each environment's JRuby runtime).
#
# Module Ruby files are evaluated for what the compiler needs from them: a function's dispatches and methods,
# a resource type's attributes, namevars and title patterns. The Puppet API they call is written here from its
# public documentation; anything of Puppet's that only matters on the agent (providers, munge/validate blocks,
# autorequires, features) is accepted and ignored, so loading a type file never needs the agent side.

module Puppetplane
  # Any call answers nil: for the agent-side DSL and helpers that compile time accepts and ignores.
  module AcceptsAnyCall
    def method_missing(*_args, &_block)
      nil
    end

    def respond_to_missing?(*_args)
      true
    end
  end

  # A constant that module code names at load time but only uses on the agent (Puppet::Type::File::Owner as a
  # parameter's parent, Puppet::Util::Checksums, ...) is made up as an empty class, able to make up its own.
  module MadeUpConstants
    def const_missing(name)
      made = Class.new
      made.extend(MadeUpConstants)
      made.extend(AcceptsAnyCall)
      made.extend(MadeUp)
      const_set(name, made)
    end
  end

  # Marks a made-up constant. Module code also includes such a constant as a module (include
  # Puppet::Util::SymbolicFileMode in a type): Ruby includes only modules, so it stands for an empty module of its
  # own there, its methods being the agent's.
  module MadeUp
    def pp_as_module
      @pp_as_module ||= Module.new
    end
  end

  module MadeUpIncludedAsModule
    %i[include prepend extend].each do |name|
      define_method(name) do |*mods|
        super(*mods.map { |m| m.is_a?(Class) && m.singleton_class.include?(MadeUp) ? m.pp_as_module : m })
      end
    end
  end
  Module.prepend(MadeUpIncludedAsModule)

  # Raised into a Ruby function that ran past its time limit; not a StandardError, so `rescue => e` lets it pass.
  class TimeLimitExceeded < Exception; end

  FUNCTIONS = {}
  LEGACY_FUNCTIONS = {}
  TYPES = {}

  def self.context
    Thread.current[:puppetplane_context] or raise Puppet::DevError, 'no compilation is calling Ruby here'
  end

  # Called by the compiler: runs METHOD of the function class CLS with ARGS and a block made from BLOCK_HANDLE.
  def self.call_function(cls, context, method, args, block_handle, block_arity, scope_param)
    with_context(context) do
      block = block_handle.nil? ? nil : lambda_proc(context, block_handle, block_arity)
      args = [Scope.new(context)] + args if scope_param
      cls.new.send(method, *args, &block)
    end
  end

  # Called by the compiler: runs a 3.x function's body with the scope as self and the arguments as one array.
  def self.call_legacy(name, context, args)
    with_context(context) do
      Scope.new(context).send(LEGACY_FUNCTIONS.fetch(name)[:method], args)
    end
  end

  # Called by the compiler: evaluates a module's Ruby file outside any compilation, so what the file does as it
  # loads (Facter.value, ...) does not depend on which node's compilation first needed it.
  def self.load_module_file(path)
    with_context(nil) { load(path) }
  end

  def self.with_context(context)
    previous = Thread.current[:puppetplane_context]
    Thread.current[:puppetplane_context] = context
    begin
      yield
    ensure
      Thread.current[:puppetplane_context] = previous
    end
  end

  def self.lambda_proc(context, handle, arity)
    case arity
    when 0 then proc { context.call_lambda(handle, []) }
    when 1 then proc { |a| context.call_lambda(handle, [a]) }
    when 2 then proc { |a, b| context.call_lambda(handle, [a, b]) }
    when 3 then proc { |a, b, c| context.call_lambda(handle, [a, b, c]) }
    else proc { |*a| context.call_lambda(handle, a) }
    end
  end

  # The dispatches of a function class as plain data: [method, [[kind, type, name]...], block kind, block name].
  def self.dispatches_of(cls)
    cls.pp_dispatchers.map do |d|
      params = d.params.map { |kind, type, name| [kind, cls.pp_expand_local_types(type), name] }
      [d.method_name, params, d.block_kind, d.block_name, d.pp_scope_param]
    end
  end

  # A function without dispatch calls the method named as its last name segment with any arguments.
  def self.default_dispatch(cls)
    method = cls.pp_name.split('::').last
    return nil unless cls.method_defined?(method)
    params = cls.instance_method(method).parameters
    min = params.count { |kind, _| kind == :req }
    max = params.any? { |kind, _| kind == :rest } ? -1 : min + params.count { |kind, _| kind == :opt }
    [method, min, max, params.any? { |kind, _| kind == :block }]
  end

  # A type's attributes as data: [[name, kind, namevar?]...], its title patterns [[regexp, [attribute...]]...].
  def self.type_of(name)
    t = TYPES[name] or return nil
    attrs = t.pp_attributes.map { |a| [a[:name], a[:kind].to_s, a[:namevar] ? true : false] }
    patterns = t.title_patterns.map { |re, fields| [re.source, re.options, fields.map { |f| Array(f).first.to_s }] }
    [attrs, patterns]
  end

  # Called by the compiler for a template its own ERB engine does not run: Ruby's ERB, as Ruby Puppet renders.
  def self.render_erb(source, file, variables, context)
    require 'erb'
    with_context(context) do
      TemplateWrapper.new(context, variables).pp_render(source, file)
    end
  end

  # What an ERB template sees as self: every visible variable as an instance variable, and `scope`.
  class TemplateWrapper
    def initialize(context, variables)
      @__pp_context__ = context
      # as Ruby Puppet does: undef variables are not set (so `defined? @x` is false), other names made word-safe
      variables.each do |name, value|
        instance_variable_set("@#{name.gsub(/[^\w]/, '_')}", value) unless value.nil?
      end
    end

    def scope
      Scope.new(@__pp_context__)
    end

    def has_variable?(name)
      @__pp_context__.variable_exists(name.to_s)
    end

    def pp_render(source, file)
      erb = ERB.new(source, trim_mode: '-')
      erb.filename = file
      erb.result(binding)
    end
  end

  # A resource of the catalog (or a reference to one) as Ruby code sees it: Type[title], its parameters.
  class Resource
    def initialize(reference)
      @pp_reference = reference
    end

    def type
      @pp_reference.type
    end

    def title
      @pp_reference.title
    end

    def ref
      @pp_reference.to_s
    end
    alias to_s ref

    def [](name)
      Puppetplane.context.resource_parameter(@pp_reference, name.to_s)
    end

    def ==(other)
      other.is_a?(Resource) && other.ref == ref
    end
  end

  # What a 3.x function sees as self: the calling scope.
  class Scope
    def initialize(context)
      @context = context
    end

    # Puppet 8 (strict = error) raises for a variable that is not set where Puppet 7 answered nil
    BUILT_IN_VARIABLES = %w[module_name caller_module_name].freeze

    def lookupvar(name, _options = {})
      name = name.to_s
      if Puppet::PUPPET_8 && !@context.variable_exists(name)
        local = name.sub(/\A::/, '')
        unless BUILT_IN_VARIABLES.include?(local) || local =~ /\A\d+\z/
          raise ArgumentError, "Undefined variable '#{name}'; "
        end
      end
      @context.lookup_variable(name)
    end

    def [](name, options = {})
      lookupvar(name, options)
    end

    def exist?(name)
      @context.variable_exists(name.to_s)
    end

    def include?(name)
      exist?(name)
    end

    # Ruby Puppet splats ARGS into the call: an Array gives its elements, a Hash its pairs, nil nothing
    def call_function(name, args, &block)
      @context.call_function(name.to_s, [*args], block)
    end

    def compiler
      Compiler.new(@context)
    end

    # The scope keeps VALUE itself, so a later change to it is seen by Ruby code that looks it up again.
    def setvar(name, value, _options = {})
      refusal = @context.set_variable(name.to_s, value)
      raise Puppet::ParseError, refusal if refusal
      value
    end

    def to_hash
      @context.variables
    end

    def findresource(type, title = nil)
      type, title = Puppet::Resource.type_and_title(type, nil) if title.nil?
      ref = @context.find_resource(type.to_s, title.to_s)
      ref.nil? ? nil : Resource.new(ref)
    end

    def environment
      Puppet.lookup(:current_environment)
    end

    # function_NAME(args): a 3.x function calling another
    def method_missing(name, *args, &block)
      return super unless name.to_s.start_with?('function_')
      @context.call_function(name.to_s.sub('function_', ''), args.first || [], block)
    end

    def respond_to_missing?(name, include_private = false)
      name.to_s.start_with?('function_') || super
    end

    %i[debug info notice warning err alert emerg crit].each { |level| define_method(level) { |*_| nil } }
  end
  # What Ruby code reaches through scope.compiler: the environment, its functions, the catalog's resources.
  class Compiler
    def initialize(context)
      @context = context
    end

    def environment
      Puppet.lookup(:current_environment)
    end

    def loaders
      Loaders.new(@context)
    end

    def findresource(type, title = nil)
      Scope.new(@context).findresource(type, title)
    end
  end

  # Ruby Puppet's loaders as far as module code asks them whether a function exists.
  class Loaders
    def initialize(context)
      @context = context
    end

    def private_environment_loader
      self
    end
    alias public_environment_loader private_environment_loader

    # Something that is not nil for a function that exists (module code tests `.nil?`), else nil.
    def load(kind, name)
      return nil unless kind.to_s == 'function' && @context.function_exists(name.to_s)
      name.to_s
    end
  end
end

module Puppet
  extend Puppetplane::MadeUpConstants

  class Error < RuntimeError; end
  class ParseError < Error; end
  class DevError < Error; end
  class ResourceError < Error; end
  class ParseErrorWithIssue < ParseError; end

  # The Ruby Puppet whose language the environment is compiled as (RubyModules defines PUPPETPLANE_PUPPET_VERSION)
  PUPPETVERSION = defined?(::PUPPETPLANE_PUPPET_VERSION) ? ::PUPPETPLANE_PUPPET_VERSION : '7.23.0'
  PUPPET_8 = PUPPETVERSION.split('.').first.to_i >= 8

  def self.version
    PUPPETVERSION
  end

  SETTINGS = { environment: 'production', strict: PUPPET_8 ? :error : :warning, strict_variables: PUPPET_8,
               noop: false, show_diff: false }.freeze

  def self.[](name)
    SETTINGS[name.to_sym]
  end

  def self.settings
    Settings
  end

  # Puppet.settings as module code reads it; a setting this compiler does not know reads as nil.
  module Settings
    def self.[](name)
      Puppet[name]
    end

    def self.value(name, *_environment)
      Puppet[name]
    end
  end

  def self.lookup(name, *_rest)
    return Environment.new(Puppetplane.context.environment_name) if name == :current_environment
    nil
  end

  def self.features
    Features
  end

  module Features
    def self.method_missing(*_args)
      false
    end

    def self.respond_to_missing?(*_args)
      true
    end
  end

  Environment = Struct.new(:name) do
    alias_method :to_s, :name

    def module(name)
      Puppet::Module.find(name, self.name)
    end
  end

  # A module of the environment, as Puppet::Module.find answers it (nil when the modulepath has none).
  class Module
    extend Puppetplane::MadeUpConstants

    attr_reader :name, :path

    def self.find(name, _environment = nil)
      path = Puppetplane.context.module_path(name.to_s)
      path && new(name.to_s, path)
    end

    def initialize(name, path)
      @name = name
      @path = path
    end

    def metadata
      file = File.join(@path, 'metadata.json')
      File.exist?(file) ? JSON.parse(File.read(file)) : nil
    end

    def environment
      Puppet.lookup(:current_environment)
    end
  end

  %i[debug info notice warning err alert emerg crit deprecation_warning warn_once].each do |level|
    define_singleton_method(level) { |*_args| nil }
  end

  module Pops
    extend Puppetplane::MadeUpConstants

    # Puppet types in Ruby code are the compiler's own type values; these answer what module code asks of them.
    module Types
      extend Puppetplane::MadeUpConstants

      class TypeParser
        def self.singleton
          new
        end

        def parse(written, _scope = nil)
          Puppetplane.context.parse_type(written.to_s)
        end
      end

      class TypeCalculator
        def self.infer_set(value)
          Puppetplane.context.call_function('type', [value, 'detailed'], nil)
        end

        def self.infer(value)
          Puppetplane.context.call_function('type', [value, 'reduced'], nil)
        end

        def self.instance?(type, value)
          Puppetplane.context.is_instance(type, value)
        end
      end
    end

    # Timestamps and Timespans as Ruby Puppet's objects: nanoseconds in @nsecs, the only instance variable, so YAML
    # dumps them as Ruby Puppet's do; their text is the compiler's own rendering.
    module Time
      class Timespan
        attr_reader :nsecs

        def initialize(nsecs)
          @nsecs = nsecs
        end

        def to_s
          Java::IoPuppetplaneLangValue::Timespan.new(@nsecs).toString
        end

        def ==(other)
          other.is_a?(self.class) && other.nsecs == @nsecs
        end
      end

      class Timestamp < Timespan
        def to_s
          Java::IoPuppetplaneLangValue::Timestamp.new(@nsecs.div(1_000_000_000), @nsecs % 1_000_000_000).toString
        end
      end
    end

    module Types
      class PSensitiveType
        # A Sensitive value as Ruby Puppet hands it to functions: the value comes out only through unwrap.
        class Sensitive
          def initialize(value)
            @value = value
          end

          def unwrap
            block_given? ? yield(@value) : @value
          end

          def to_s
            'Sensitive [value redacted]'
          end
          alias inspect to_s

          def ==(other)
            other.is_a?(Sensitive) && other.unwrap == @value
          end
          alias eql? ==

          def hash
            @value.hash
          end
        end
      end

      # What a function iterates: strings by character, arrays by element, hashes by [key, value] pair,
      # an integer N as 0...N; nil for anything else.
      module Iterable
        def self.on(value, _element_type = nil, _infer_elements = true)
          case value
          when Iterable then value
          when String then Iterator.new(value.each_char, false)
          when Array then Iterator.new(value.each, false)
          when Hash then Iterator.new(value.each_pair, true)
          when Integer then Iterator.new(value.times, false)
          end
        end

        def self.asserted_iterable(my_caller, value, _infer_elements = false)
          iterator = on(value)
          raise ArgumentError, "#{my_caller.class}(): wrong argument type (#{value.class}; is not Iterable." unless iterator
          iterator
        end
      end

      class Iterator
        include Enumerable
        include Iterable

        def initialize(enumerator, hash_style)
          @enumerator = enumerator
          @hash_style = hash_style
        end

        def hash_style?
          @hash_style
        end

        def unbounded?
          false
        end

        def each(&block)
          return self unless block
          @enumerator.each(&block)
          self
        end

        def next
          @enumerator.next
        end

        def reverse_each(&block)
          block ? to_a.reverse_each(&block) : Iterator.new(to_a.reverse_each, @hash_style)
        end

        def step(size, &block)
          stepped = Iterator.new(each_slice(size).map(&:first).each, @hash_style)
          block ? stepped.each(&block) : stepped
        end
      end
    end
  end

  module Util
    extend Puppetplane::MadeUpConstants

    # The same number for the same seed on every run: a Mersenne Twister seeded with SEED, as stdlib's seeded
    # functions expect of Puppet.
    def self.deterministic_rand_int(seed, max)
      Random.new(seed).rand(max)
    end

    def self.deterministic_rand(seed, max)
      deterministic_rand_int(seed, max).to_s
    end

    module Package
      # Puppet's version order: versions split into runs of digits, runs of other characters and the separators
      # '-' and '.', compared run by run; '-' sorts first, then '.'; digit runs compare as numbers unless one has
      # a leading zero; other runs compare case-blind. IGNORE_TRAILING_ZEROES drops the trailing '.0's of the
      # part before the first '-'.
      def self.versioncmp(version_a, version_b, ignore_trailing_zeroes = false)
        version_a, version_b = [version_a, version_b].map { |v| without_trailing_zeroes(v) } if ignore_trailing_zeroes
        runs_a = version_a.scan(/[-.]|\d+|[^-.\d]+/)
        runs_b = version_b.scan(/[-.]|\d+|[^-.\d]+/)
        runs_a.zip(runs_b).each do |a, b|
          break if b.nil?
          next if a == b
          %w[- .].each do |separator|
            return -1 if a == separator
            return 1 if b == separator
          end
          numeric = a.match?(/\A\d+\z/) && b.match?(/\A\d+\z/) && !a.start_with?('0') && !b.start_with?('0')
          return numeric ? a.to_i <=> b.to_i : a.upcase <=> b.upcase
        end
        version_a <=> version_b
      end

      def self.without_trailing_zeroes(version)
        head, *rest = version.split('-')
        [head.sub(/[.0]+\z/, ''), *rest].join('-')
      end
      private_class_method :without_trailing_zeroes
    end
  end

  module Parser
    extend Puppetplane::MadeUpConstants

    module Functions
      # Records a 3.x function under NAME, whatever file defines it (a file may define several).
      def self.newfunction(name, options = {}, &block)
        # a method of the scope, as Ruby Puppet makes it, so `return` in the body works
        method = "real_function_#{name}"
        Puppetplane::Scope.send(:define_method, method, &block)
        Puppetplane::LEGACY_FUNCTIONS[name.to_s] = {
          type: (options[:type] || :statement).to_s, arity: options[:arity] || -1, method: method,
          file: block.source_location.first
        }
      end

      # The scope's method for the function NAME, or false when no function has that name.
      def self.function(name)
        Puppetplane.context.function_exists(name.to_s) ? "function_#{name}" : false
      end

      # Functions load when called here, so asking the autoloader to load one has nothing left to do.
      def self.autoloader
        Autoloader
      end

      module Autoloader
        def self.load(*_names)
          true
        end

        def self.loaded?(*_names)
          true
        end
      end
    end
  end

  module Functions
    def self.create_function(name, base = Function, &block)
      cls = Class.new(base)
      cls.pp_setup(name.to_s)
      cls.class_eval(&block) if block
      Puppetplane::FUNCTIONS[name.to_s] = cls
      cls
    end

    # The dispatch DSL: records parameters as [kind, type, name].
    class Dispatcher
      attr_reader :method_name, :params, :block_kind, :block_name, :pp_scope_param

      def initialize(method_name)
        @method_name = method_name.to_s
        @params = []
        @block_kind = nil
        @block_name = nil
        @pp_scope_param = false
      end

      def param(type, name)
        @params << ['required', type.to_s, name.to_s]
      end
      alias required_param param

      def optional_param(type, name)
        @params << ['optional', type.to_s, name.to_s]
      end

      def repeated_param(type, name)
        @params << ['repeated', type.to_s, name.to_s]
      end
      alias optional_repeated_param repeated_param

      def required_repeated_param(type, name)
        @params << ['required_repeated', type.to_s, name.to_s]
      end

      def block_param(*type_and_name)
        @block_kind = 'required'
        @block_name = type_and_name.last.to_s
      end

      def optional_block_param(*type_and_name)
        @block_kind = 'optional'
        @block_name = type_and_name.last.to_s
      end

      def scope_param
        @pp_scope_param = true
      end

      def return_type(_type); end
    end

    # The 'type' statements of a function's local_types block, as [name, definition] pairs.
    class LocalTypes
      attr_reader :pp_definitions

      def initialize
        @pp_definitions = []
      end

      def type(assignment)
        name, definition = assignment.to_s.split('=', 2).map(&:strip)
        @pp_definitions << [name, definition] if definition
      end
    end

    class Function
      class << self
        attr_reader :pp_name, :pp_dispatchers

        def pp_setup(name)
          @pp_name = name
          @pp_dispatchers = []
        end

        def dispatch(method, &block)
          d = Dispatcher.new(method)
          d.instance_eval(&block) if block
          @pp_dispatchers << d
        end

        def argument_mismatch(method, &block)
          dispatch(method, &block)
        end

        # local_types { type 'Name = Type' }: names a function's dispatches may use. They are written into the
        # dispatch types where named (a local type stands for its definition), so mismatch messages spell the
        # definition rather than the name.
        def local_types(&block)
          collector = LocalTypes.new
          collector.instance_eval(&block) if block
          (@pp_local_types ||= []).concat(collector.pp_definitions)
        end

        def pp_expand_local_types(written)
          (@pp_local_types || []).reverse_each.reduce(written.to_s) do |text, (name, definition)|
            text.gsub(/(?<![\w:])#{Regexp.escape(name)}(?![\w:])/) { definition }
          end
        end
      end

      def call_function(name, *args, &block)
        Puppetplane.context.call_function(name.to_s, args, block)
      end

      def closure_scope
        Puppetplane::Scope.new(Puppetplane.context)
      end

      def loader
        nil
      end
    end

    class InternalFunction < Function
      def self.scope_param
        nil
      end
    end
  end

  class Resource
    extend Puppetplane::MadeUpConstants

    # 'Type[title]' as [type, title]; a given title wins.
    def self.type_and_title(type, title)
      return [type.to_s, title.to_s] if title
      match = type.to_s.match(/\A([^\[\]]+)\[(.+)\]\z/m)
      raise ArgumentError, "No title provided and #{type.inspect} is not a valid resource reference" unless match
      [match[1], match[2]]
    end
  end

  class Parameter
    extend Puppetplane::MadeUpConstants

    class << self
      def isnamevar
        @pp_namevar = true
      end

      def pp_namevar?
        @pp_namevar
      end
    end

    # desc, newvalues, defaultto, validate, munge, ...: agent-side, ignored at compile time
    extend Puppetplane::AcceptsAnyCall

    module Boolean; end
  end

  class Property < Parameter
    module Boolean; end
  end

  class Type
    extend Puppetplane::MadeUpConstants

    def self.newtype(name, _options = {}, &block)
      t = Class.new(Type)
      t.pp_setup(name.to_s)
      t.class_eval(&block) if block
      Puppetplane::TYPES[name.to_s] = t
      t
    end

    def self.type(_name)
      nil
    end

    class << self
      attr_reader :pp_name

      def pp_setup(name)
        @pp_name = name
        @pp_attributes = []
      end

      def pp_attributes
        @pp_attributes || []
      end

      def newparam(name, options = {}, &block)
        pp_attribute(name, :param, options, &block)
      end

      def newproperty(name, options = {}, &block)
        pp_attribute(name, :property, options, &block)
      end

      def newmetaparam(_name, _options = {}, &_block); end

      def ensurable(&block)
        newproperty(:ensure, &block)
      end

      # Puppet's default: the whole title is the (single) namevar.
      def title_patterns
        namevars = pp_attributes.select { |a| a[:namevar] }.map { |a| a[:name] }
        namevars = ['name'] if namevars.empty?
        [[/(.*)/m, [[namevars.first.to_sym]]]]
      end

      def pp_attribute(name, kind, options, &block)
        parent = options[:parent].is_a?(Class) && options[:parent] <= Parameter ? options[:parent] : (kind == :property ? Property : Parameter)
        param_class = Class.new(parent)
        param_class.class_eval(&block) if block
        namevar = options[:namevar] || param_class.pp_namevar?
        @pp_attributes.reject! { |a| a[:name] == name.to_s }
        @pp_attributes << { name: name.to_s, kind: kind, namevar: namevar }
        param_class
      end
    end

    # autorequire, feature, newcheck, validate, provide, ...: agent-side, ignored at compile time
    extend Puppetplane::AcceptsAnyCall
  end

  # Types written with the Resource API: attributes carry their behaviour (namevar, parameter, read_only, ...).
  module ResourceApi
    def self.register_type(definition)
      t = Class.new(Type)
      t.pp_setup(definition[:name].to_s)
      (definition[:attributes] || {}).each do |name, attr|
        behaviour = attr[:behaviour] || attr[:behavior]
        kind = %i[namevar parameter init_only].include?(behaviour) ? :param : :property
        kind = :param if behaviour == :init_only
        t.pp_attributes << { name: name.to_s, kind: kind, namevar: behaviour == :namevar }
      end
      patterns = definition[:title_patterns]
      if patterns
        t.define_singleton_method(:title_patterns) do
          patterns.map { |p| [p[:pattern], p[:pattern].names.map { |n| [n.to_sym] }] }
        end
      end
      Puppetplane::TYPES[definition[:name].to_s] = t
    end

    extend Puppetplane::AcceptsAnyCall
  end
end

# Puppet's namespace for module helpers (its puppet_x.rb).
module PuppetX; end

# Puppet 7's PSON, which module code still parses metadata with; JSON underneath, as both read the same text.
# Puppet 8 removed it.
unless Puppet::PUPPET_8
  module PSON
    class PSONError < StandardError; end
    class ParserError < PSONError; end

    def self.parse(source, options = {})
      JSON.parse(source, options)
    rescue JSON::ParserError => e
      raise ParserError, e.message
    end

    def self.load(source, _proc = nil)
      source = source.respond_to?(:to_str) ? source.to_str : source.read
      parse(source, max_nesting: false, allow_nan: true)
    end

    def self.generate(value, _state = nil)
      JSON.generate(value)
    end

    def self.pretty_generate(value, _options = nil)
      JSON.pretty_generate(value)
    end

    def self.dump(value, io = nil, _limit = nil)
      text = generate(value)
      io ? io.tap { |out| out.write(text) } : text
    end
  end
end

module Facter
  # The fact of the node being compiled ('os.family' reaches into structured facts); nil while module files
  # load, which happens outside any compilation.
  def self.value(name)
    context = Thread.current[:puppetplane_context] or return nil
    top, *path = name.to_s.split('.')
    path.reduce(context.fact(top)) { |value, key| value.is_a?(Hash) ? value[key] : nil }
  end

  extend Puppetplane::AcceptsAnyCall
end

# Module code requires Puppet's own files (puppet/type/file/owner, puppet/util/...); their constants are made up
# above, so such a require succeeds without loading anything. Every other require works as Ruby's does; openssl
# comes with a faster PBKDF2.
module Kernel
  alias puppetplane_require require

  def require(path)
    loaded = puppetplane_require(path)
    puppetplane_require('uri:classloader:/io/puppetplane/lang/ruby/fast_kdf.rb') if path.to_s == 'openssl'
    loaded
  rescue LoadError => e
    return false if path.to_s.match?(%r{\A(puppet|puppet_x|facter|hiera|semantic_puppet)(/|\z)})
    raise unless e.message.start_with?('no such file to load -- ')
    raise LoadError, "cannot load such file -- #{path}" # worded as Ruby words it
  end
  private :require
end
