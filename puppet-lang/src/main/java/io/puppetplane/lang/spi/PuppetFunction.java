package io.puppetplane.lang.spi;

import java.util.List;

/**
 * A Puppet function that needs no scope or catalog: it computes a value from its arguments only.
 * Arguments and result follow the puppet-lang value model (null is undef).
 */
@FunctionalInterface
public interface PuppetFunction {

    /**
     * Calls the function.
     *
     * @throws FunctionError with a message worded as Ruby Puppet words it, e.g.
     *     {@code 'split' parameter 'str' expects a String value, got Integer}; the caller adds file:line:column
     */
    Object call(List<Object> args) throws FunctionError;
}
