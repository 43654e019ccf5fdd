package io.puppetplane.lang.functions;

import io.puppetplane.lang.spi.PuppetFunction;
import java.util.Optional;
import java.util.Set;

/** The pure functions of Puppet 7's core library and puppetlabs-stdlib, by name. */
public final class DataFunctions {

    private DataFunctions() {
    }

    /** The function with this name, or empty when it is not a pure data function known here. */
    public static Optional<PuppetFunction> lookup(String name) {
        throw new UnsupportedOperationException("in progress");
    }

    /** The names of all functions known here. */
    public static Set<String> names() {
        throw new UnsupportedOperationException("in progress");
    }
}
