package io.puppetplane.lang;

import io.puppetplane.lang.catalog.Catalog;
import io.puppetplane.lang.catalog.EnvironmentClassListing;
import io.puppetplane.lang.eval.CodeBase;
import io.puppetplane.lang.eval.CompilationRunner;
import io.puppetplane.lang.hiera.HieraLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Compiles catalogs for one environment directory ({@code .../environments/production}). Thread-safe; build one
 * per environment and keep it: parsed manifests are cached and re-parsed only when a file changes.
 */
public final class EnvironmentCompiler implements AutoCloseable {

    /**
     * Compiler options. {@code legacyNames} accepts hyphenated class names (off in Puppet 7);
     * {@code rubyCallLimit} is how long one call of a module's Ruby function may run before the compile fails;
     * {@code settings} are the server's Puppet settings, which Ruby Puppet gives code as {@code $settings::NAME};
     * {@code puppetDb} (null: storeconfigs off) answers exported collectors and {@code puppetdb_query()};
     * {@code language} is the language version of an environment whose environment.conf names none (its
     * {@code language_version} wins).
     */
    public record Options(boolean legacyNames, Duration rubyCallLimit, Map<String, Object> settings, PuppetDb puppetDb,
                          LanguageVersion language) {
        // a stop for endless module code, not a budget: loading openssl, yaml and friends cold takes seconds of CPU
        public static final Duration DEFAULT_RUBY_CALL_LIMIT = Duration.ofSeconds(30);

        public Options {
            settings = settings == null ? Map.of() : io.puppetplane.lang.value.DataNormaliser.normaliseMap(settings);
            language = language == null ? LanguageVersion.DEFAULT : language;
        }

        public Options(boolean legacyNames, Duration rubyCallLimit, Map<String, Object> settings, PuppetDb puppetDb) {
            this(legacyNames, rubyCallLimit, settings, puppetDb, LanguageVersion.DEFAULT);
        }

        public Options(boolean legacyNames) {
            this(legacyNames, DEFAULT_RUBY_CALL_LIMIT);
        }

        public Options(boolean legacyNames, Duration rubyCallLimit) {
            this(legacyNames, rubyCallLimit, Map.of(), null);
        }

        /** The same options, with the server's Puppet settings that code reads as {@code $settings::NAME}. */
        public Options withSettings(Map<String, Object> serverSettings) {
            return new Options(legacyNames, rubyCallLimit, serverSettings, puppetDb, language);
        }

        /**
         * The same options with storeconfigs on: exported collectors collect what other nodes exported, from PUPPETDB,
         * and {@code puppetdb_query()} asks it (without, as in Ruby Puppet, {@code <<| |>>} collects nothing).
         */
        public Options withPuppetDb(PuppetDb puppetDb) {
            return new Options(legacyNames, rubyCallLimit, settings, puppetDb, language);
        }

        /**
         * The same options, with LANGUAGE for environments whose environment.conf has no {@code language_version}
         * (a site's own default, as puppet.conf's strict settings are Ruby Puppet's).
         */
        public Options withLanguage(LanguageVersion language) {
            return new Options(legacyNames, rubyCallLimit, settings, puppetDb, language);
        }

        public static Options defaults() {
            return new Options(false);
        }
    }

    private final CodeBase code;
    private final Map<String, Object> settings;
    private final PuppetDb puppetDb;
    private final HieraLookup hiera;
    private final EnvironmentClassListing classListing;

    public EnvironmentCompiler(Path environmentDir, Options options) {
        if (!Files.isDirectory(environmentDir)) {
            throw new IllegalArgumentException("Could not find environment directory " + environmentDir);
        }
        this.code = new CodeBase(environmentDir, options.legacyNames(), options.rubyCallLimit(), options.language());
        this.settings = options.settings();
        this.puppetDb = options.puppetDb();
        this.hiera = createHiera(code);
        this.classListing = new EnvironmentClassListing(code);
    }

    private static HieraLookup createHiera(CodeBase code) {
        try {
            return HieraLookup.create(null, code.environmentDir(), m -> code.moduleDir(m).orElse(null));
        } catch (UnsupportedOperationException e) {
            // Hiera is not available yet: class parameters take their defaults, lookup() uses its default
            return null;
        }
    }

    /**
     * Stops the JRuby runtime of this environment's module Ruby, if one was started (a code version no longer
     * served). Compiling afterwards starts a new one.
     */
    @Override
    public void close() {
        code.rubyModules().close();
    }

    /** The language version this environment is compiled with (its environment.conf's, else the options'). */
    public LanguageVersion language() {
        return code.language();
    }

    /** The environment's name (its directory name). */
    public String environment() {
        return code.environmentName();
    }

    /**
     * The classes of every manifest of this environment with their parameters, as puppetserver's
     * environment_classes endpoint lists them ({@link EnvironmentClassListing.EnvironmentClasses#toJson()}).
     * Never throws for bad code: a file that does not parse carries an error instead.
     */
    public EnvironmentClassListing.EnvironmentClasses listClasses() {
        return classListing.list();
    }

    /** Compiles the catalog of one node, or throws a {@link CompileError} with file, line and column. */
    public Catalog compile(CompileRequest request) {
        return CompilationRunner.run(code, request, hiera, null, settings, puppetDb);
    }

    /**
     * Compiles with MANIFEST as the site manifest in place of the environment's, against the environment's modules
     * and data, as {@code puppet apply MANIFEST} does: for trying code out, and for comparing many manifests over one
     * set of modules without a runtime per manifest.
     */
    public Catalog compile(CompileRequest request, Path manifest) {
        return CompilationRunner.run(code, request, hiera, List.of(manifest.toAbsolutePath().normalize()), settings,
            puppetDb);
    }

}
