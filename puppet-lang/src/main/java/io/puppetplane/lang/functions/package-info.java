/**
 * The pure functions (no scope or catalog access) of Puppet 7's core library and of puppetlabs-stdlib.
 *
 * <p>Public API: {@link io.puppetplane.lang.functions.DataFunctions#lookup(String)} gives a
 * {@link io.puppetplane.lang.spi.PuppetFunction} by name; {@link io.puppetplane.lang.functions.DataFunctions#names()}
 * lists them. Errors are {@link io.puppetplane.lang.spi.FunctionError}s worded as Ruby Puppet words them (the
 * evaluator adds the location). {@link io.puppetplane.lang.functions.RubyText} exposes Ruby's sprintf, sub/gsub
 * and split for the ERB interpreter and the evaluator; {@link io.puppetplane.lang.types.Types#argumentTypeName}
 * names a value's type as mismatch errors do.
 *
 * <p>Where core and stdlib both define a function, the behaviour is the one Ruby Puppet shows with stdlib 8.5
 * installed (e.g. {@code abs} accepts numeric strings).
 */
package io.puppetplane.lang.functions;
