/**
 * ERB templates as Puppet's {@code template()} and {@code inline_template()} render them, with an interpreter
 * for the Ruby subset that published modules use (no embedded Ruby: no start-up cost, no extra memory).
 *
 * <p>Public API:
 * <ul>
 *   <li>{@link io.puppetplane.lang.erb.ErbTemplate#compile(String, String)}: parse once (cache the result per
 *       file); syntax errors and unsupported Ruby are a {@link io.puppetplane.lang.erb.TemplateError} with file and
 *       line.</li>
 *   <li>{@link io.puppetplane.lang.erb.ErbTemplate#render(io.puppetplane.lang.spi.VariableScope)}: the output;
 *       failures are a {@link io.puppetplane.lang.erb.TemplateError}, whose
 *       {@link io.puppetplane.lang.erb.TemplateError#puppetMessage()} is worded as Ruby Puppet words it.</li>
 *   <li>{@link io.puppetplane.lang.erb.ErbTemplateCache#get(java.nio.file.Path)}: compiled template files, compiled
 *       again only when a file changes (checked at most once per recheck interval).</li>
 *   <li>{@link io.puppetplane.lang.erb.RubyValues}: Ruby's {@code to_s} and {@code inspect} of puppet-lang
 *       values.</li>
 * </ul>
 *
 * <p>Supported: {@code <%= %>}, {@code <% %>}, {@code <%# %>}, {@code <%%}, trim mode '-' ({@code <%-},
 * {@code -%>}); {@code @x} (undefined is nil), {@code scope['x']}, {@code scope.lookupvar('x')},
 * {@code has_variable?}, {@code defined?(@x)}; literals (numbers, strings with {@code #{}} interpolation, symbols,
 * arrays, hashes, {@code %w[]}, regexps, ranges); local variables and {@code += ||=}; {@code if/elsif/else},
 * {@code unless}, modifiers, ternary, {@code case/when} (values, classes, ranges, regexps); {@code && || ! and or
 * not}, comparisons, {@code =~ !~}, arithmetic with Ruby's integer division; blocks with {@code do...end} and
 * braces, destructuring parameters; the String, Integer, Float, Array and Hash methods listed in
 * {@code RubyMethods} (each, each_with_index, each_pair, map, select, reject, sort, sort_by, join, keys, values,
 * empty?, nil?, size, length, upcase, downcase, capitalize, strip, include?, to_s, to_i, split, gsub, sub,
 * flatten, uniq, first, last, is_a?, respond_to?, ...), {@code Array()}, {@code String()}, {@code Integer()},
 * {@code Float()}, {@code String#%}.
 *
 * <p>Anything else (other methods, {@code while}, {@code begin/rescue}, {@code def}, global and class variables,
 * constants other than core class names, {@code scope.function_*}, heredocs) is a TemplateError
 * "Unsupported Ruby in template FILE at line N: ...", never a wrong result.
 */
package io.puppetplane.lang.erb;
