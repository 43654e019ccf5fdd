package io.puppetplane.lang.hiera;

import io.puppetplane.lang.spi.VariableScope;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Hiera 5 lookups for one environment: the global layer (optional), the environment layer and the module
 * layer. Build one per environment; it is thread-safe and cheap per call (data files are parsed once and
 * cached by path, modification time and size).
 */
public final class HieraLookup {

    private HieraLookup() {
    }

    /**
     * Builds the lookup for an environment.
     *
     * @param globalConfig the global hiera.yaml ({@code $confdir/hiera.yaml}), or null for none
     * @param environmentDir the environment directory (its {@code hiera.yaml} is optional)
     * @param moduleDirectory resolves a module name to its directory, or null when no such module
     */
    public static HieraLookup create(Path globalConfig, Path environmentDir, Function<String, Path> moduleDirectory) {
        throw new UnsupportedOperationException("in progress");
    }

    /**
     * Looks a key up like Puppet's {@code lookup()}: the value found, else the default, else a
     * {@link LookupError} "Function lookup() did not find a value for the name 'key'".
     */
    public Object lookup(String key, LookupOptions options, VariableScope scope) {
        throw new UnsupportedOperationException("in progress");
    }

    /**
     * Looks a key up without default: empty when no data source has it (automatic class parameter lookup).
     */
    public Optional<LookupHit> find(String key, LookupOptions options, VariableScope scope) {
        throw new UnsupportedOperationException("in progress");
    }

    /** A found value (which may be null: undef found in data is a hit). */
    public record LookupHit(Object value) {
    }
}
