/**
 * The Puppet 7 language compiler. Entry points: {@link io.puppetplane.lang.EnvironmentCompiler} (one per
 * environment directory; caches parsed code, thread-safe), {@link io.puppetplane.lang.CompileRequest} (certname,
 * facts, trusted facts, server facts, classifier classes, code id), {@link io.puppetplane.lang.catalog.Catalog}
 * ({@code toJson()} renders it as Ruby Puppet does) and {@link io.puppetplane.lang.CompileError}
 * ({@code file:line:column: message}). See puppet-lang/README.md.
 */
package io.puppetplane.lang;
