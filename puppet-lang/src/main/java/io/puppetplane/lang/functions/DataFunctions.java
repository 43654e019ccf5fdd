package io.puppetplane.lang.functions;

import io.puppetplane.lang.spi.PuppetFunction;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pure functions (no scope or catalog access) of Puppet 7's core library and the most used
 * puppetlabs-stdlib functions, by name. Errors are {@link io.puppetplane.lang.spi.FunctionError}s worded as
 * Ruby Puppet words them; the caller adds the location.
 */
public final class DataFunctions {

    private static final Map<String, PuppetFunction> FUNCTIONS = build();

    private DataFunctions() {
    }

    private static Map<String, PuppetFunction> build() {
        Map<String, PuppetFunction> registry = new TreeMap<>();
        StringFunctions.register(registry);
        CollectionFunctions.register(registry);
        NumericFunctions.register(registry);
        EncodingFunctions.register(registry);
        ValidateFunctions.register(registry);
        StdlibFunctions.register(registry);
        TimeFunctions.register(registry);
        return Map.copyOf(registry);
    }

    /** The function with this name, or empty when it is not a pure data function known here. */
    public static Optional<PuppetFunction> lookup(String name) {
        return Optional.ofNullable(FUNCTIONS.get(name));
    }

    /** The names of all functions known here. */
    public static Set<String> names() {
        return new java.util.TreeSet<>(FUNCTIONS.keySet());
    }
}
