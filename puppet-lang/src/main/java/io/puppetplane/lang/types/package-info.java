/**
 * Puppet's type system, after Ruby Puppet's (lib/puppet/pops/types). A type is a
 * {@link io.puppetplane.lang.value.TypeValue}: a name and parameters, or a type alias that names its (lazily
 * evaluated) type. {@link io.puppetplane.lang.types.Types} answers whether a value is of a type;
 * {@link io.puppetplane.lang.types.TypeCalculator} infers a value's type (type([1]) is Tuple[Integer[1, 1]]),
 * generalizes and normalizes types and tells whether one type is assignable to another;
 * {@link io.puppetplane.lang.types.TypeMismatchDescriber} words why a value is not of a type, every mismatch with its
 * path, as Ruby Puppet's refusals of class and define parameters and function arguments read.
 */
package io.puppetplane.lang.types;
