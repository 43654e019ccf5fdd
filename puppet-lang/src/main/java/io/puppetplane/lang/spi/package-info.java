/**
 * The seams between the evaluator (compiler-core) and the data side of puppet-lang (Hiera, ERB, functions).
 *
 * <ul>
 *   <li>{@link io.puppetplane.lang.spi.VariableScope}: the evaluator gives Hiera and ERB read access to
 *       variables through it.</li>
 *   <li>{@link io.puppetplane.lang.spi.PuppetFunction}: a pure function, found with
 *       {@code io.puppetplane.lang.functions.DataFunctions.lookup(name)}.</li>
 *   <li>{@link io.puppetplane.lang.spi.FunctionError}: a Puppet-worded failure without location.</li>
 * </ul>
 *
 * <p>Entry points of the data side: {@code io.puppetplane.lang.hiera.HieraLookup},
 * {@code io.puppetplane.lang.erb.ErbTemplate} and {@code io.puppetplane.lang.functions.DataFunctions}.
 */
package io.puppetplane.lang.spi;
