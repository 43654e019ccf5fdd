package io.puppetplane.lang.hiera;

import io.puppetplane.lang.spi.VariableScope;
import io.puppetplane.lang.types.Types;
import io.puppetplane.lang.value.RubyRegex;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Hiera 5 lookups for one environment: the global layer (optional), the environment layer and the module
 * layer (only for keys in a module's namespace, from modules that have a hiera.yaml). Build one per
 * environment; it is thread-safe and cheap per call: data files and hiera.yaml files are parsed once and
 * re-read only when their modification time or size changes, which is checked at most once per recheck interval
 * (one second by default), so changed data is seen within that interval.
 *
 * <p>Backends: {@code data_hash: yaml_data} and {@code data_hash: json_data}. Any other backend
 * ({@code lookup_key} such as hiera-eyaml's {@code eyaml_lookup_key}, {@code data_dig}, other {@code data_hash}
 * functions) is refused with a {@link LookupError} naming it, when a lookup reaches its level.
 */
public final class HieraLookup {

    private static final String LOOKUP_OPTIONS = "lookup_options";

    /** How long a checked file is trusted before it is stat'ed again. */
    public static final Duration DEFAULT_RECHECK_INTERVAL = Duration.ofSeconds(1);

    private final DataFileCache files;
    private final Layer global;
    private final Layer environment;
    private final Function<String, Path> moduleDirectory;
    private final Map<String, Layer> moduleLayers = new ConcurrentHashMap<>();
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    private HieraLookup(Path globalConfig, Path environmentDir, Function<String, Path> moduleDirectory, Clock clock,
                        Duration recheckInterval) {
        this.files = new DataFileCache(clock, recheckInterval);
        this.global = globalConfig == null ? null : new Layer(globalConfig, "the global layer", null, true);
        this.environment = new Layer(environmentDir.resolve("hiera.yaml"), "an environment", null, false);
        this.moduleDirectory = moduleDirectory;
    }

    /**
     * Builds the lookup for an environment.
     *
     * @param globalConfig the global hiera.yaml ({@code $confdir/hiera.yaml}), or null for no global layer; when
     *     it does not exist, Puppet's default applies ({@code data/common.yaml} beside it, if present)
     * @param environmentDir the environment directory; without a {@code hiera.yaml} it has no data
     * @param moduleDirectory resolves a module name to its directory, or null when no such module
     */
    public static HieraLookup create(Path globalConfig, Path environmentDir, Function<String, Path> moduleDirectory) {
        return create(globalConfig, environmentDir, moduleDirectory, Clock.systemUTC(), DEFAULT_RECHECK_INTERVAL);
    }

    /**
     * Builds the lookup for an environment, choosing how long a checked hiera.yaml, data file or glob listing is
     * trusted before the file system is asked again ({@link Duration#ZERO}: on every lookup).
     */
    public static HieraLookup create(Path globalConfig, Path environmentDir, Function<String, Path> moduleDirectory,
                                     Clock clock, Duration recheckInterval) {
        return new HieraLookup(globalConfig, environmentDir, moduleDirectory, clock, recheckInterval);
    }

    /**
     * Looks a key up like Puppet's {@code lookup()}: the value found (merged as asked, or as lookup_options say),
     * else the default, else a {@link LookupError} "Function lookup() did not find a value for the name 'key'".
     * Type checking of the result is left to the caller.
     */
    public Object lookup(String key, LookupOptions options, VariableScope scope) {
        Optional<LookupHit> hit = find(key, options, scope);
        if (hit.isPresent()) {
            return hit.get().value();
        }
        if (options.hasDefault()) {
            return options.defaultValue();
        }
        throw new LookupError("Function lookup() did not find a value for the name '" + key + "'");
    }

    /**
     * Looks a key up without applying the default: empty when no data source has it (automatic class parameter
     * lookup uses this).
     */
    public Optional<LookupHit> find(String key, LookupOptions options, VariableScope scope) {
        Interpolator invocation = new Interpolator(scope, this::nestedLookup);
        Object value = lookupKey(key, options.merge(), invocation);
        return value == MergeStrategy.NOT_FOUND ? Optional.empty() : Optional.of(new LookupHit(value));
    }

    /** A found value (which may be null: undef found in data is a hit). */
    public record LookupHit(Object value) {
    }

    /** {@code %{lookup('k')}} and {@code %{alias('k')}}: a full lookup whose default is the empty string. */
    private Object nestedLookup(String key, Interpolator invocation) {
        Object value = lookupKey(key, null, invocation);
        return value == MergeStrategy.NOT_FOUND ? "" : value;
    }

    private Object lookupKey(String key, Object merge, Interpolator invocation) {
        if (key.equals(LOOKUP_OPTIONS) || key.startsWith(LOOKUP_OPTIONS + ".")) {
            return MergeStrategy.NOT_FOUND;
        }
        List<Object> segments;
        try {
            segments = KeySegments.split(key);
        } catch (IllegalArgumentException e) {
            throw new LookupError("Syntax error in key: '" + key + "'");
        }
        String rootKey = (String) segments.get(0);
        int qualifier = rootKey.indexOf("::");
        String moduleName = qualifier < 0 ? null : rootKey.substring(0, qualifier);
        Map<?, ?> keyOptions = lookupOptionsFor(rootKey, moduleName, invocation);
        if (keyOptions != null && keyOptions.containsKey("convert_to")) {
            throw new LookupError("The convert_to lookup_option for key '" + key + "' is not supported here");
        }
        Object effectiveMerge = merge != null ? merge : keyOptions == null ? null : keyOptions.get("merge");
        MergeStrategy strategy = MergeStrategy.of(effectiveMerge);
        Object value = lookupInLayers(key, rootKey, moduleName, strategy, invocation);
        if (value == MergeStrategy.NOT_FOUND) {
            Layer module = moduleName == null ? null : moduleLayer(moduleName);
            HieraConfig moduleConfig = module == null ? null : module.config();
            if (moduleConfig != null && moduleConfig.hasDefaultHierarchy()) {
                // Ruby Puppet would search the module's default_hierarchy now; refuse rather than answer "not found".
                throw HieraConfig.error(moduleConfig.file(), "default_hierarchy is not supported here (key '" + key
                        + "' was not found in the hierarchies)");
            }
            return value;
        }
        return KeySegments.dig(value, segments, key);
    }

    private Object lookupInLayers(String key, String rootKey, String moduleName, MergeStrategy strategy,
                                  Interpolator invocation) {
        List<Layer> stack = new ArrayList<>(3);
        stack.add(global);
        stack.add(environment);
        stack.add(moduleName == null ? null : moduleLayer(moduleName));
        return strategy.lookup(stack, layer -> layer == null ? MergeStrategy.NOT_FOUND
                : invocation.check(key, () -> layer.lookup(rootKey, strategy, invocation)));
    }

    private Layer moduleLayer(String moduleName) {
        Path dir = moduleName.isEmpty() ? null : moduleDirectory.apply(moduleName);
        if (dir == null) {
            return null;
        }
        Layer layer = moduleLayers.computeIfAbsent(moduleName,
                name -> new Layer(dir.resolve("hiera.yaml"), "a module", name, false));
        return layer.configFile.getParent().equals(dir) ? layer : new Layer(dir.resolve("hiera.yaml"), "a module", moduleName, false);
    }

    /** The lookup_options entry for a key: global and environment options, then the key's module's. */
    private Map<?, ?> lookupOptionsFor(String rootKey, String moduleName, Interpolator invocation) {
        Map<?, ?> globalOptions = layerLookupOptions(global, null, invocation);
        Map<?, ?> envOptions = layerLookupOptions(environment, null, invocation);
        Map<?, ?> options;
        if (globalOptions == null) {
            options = envOptions;
        } else if (envOptions == null) {
            options = globalOptions;
        } else {
            // Puppet merges these two with the hash strategy, the global layer's entries winning.
            options = (Map<?, ?>) MergeStrategy.HASH.merge(globalOptions, envOptions);
        }
        if (moduleName != null) {
            Map<?, ?> moduleOptions = layerLookupOptions(moduleLayer(moduleName), moduleName, invocation);
            if (options == null) {
                options = moduleOptions;
            } else if (moduleOptions != null) {
                options = (Map<?, ?>) MergeStrategy.HASH.merge(options, moduleOptions);
            }
        }
        if (options == null) {
            return null;
        }
        Object exact = options.get(rootKey);
        if (exact instanceof Map<?, ?> m) {
            return m;
        }
        for (Map.Entry<?, ?> e : options.entrySet()) {
            if (e.getKey() instanceof String pattern && pattern.startsWith("^")) {
                try {
                    Pattern compiled = patterns.computeIfAbsent(pattern, p -> Pattern.compile(RubyRegex.toJava(p), Pattern.MULTILINE));
                    if (compiled.matcher(rootKey).find() && e.getValue() instanceof Map<?, ?> m) {
                        return m;
                    }
                } catch (PatternSyntaxException ex) {
                    throw new LookupError("Invalid regular expression in lookup_options key '" + pattern + "': "
                            + ex.getDescription());
                }
            }
        }
        return null;
    }

    private Map<?, ?> layerLookupOptions(Layer layer, String moduleName, Interpolator invocation) {
        if (layer == null) {
            return null;
        }
        Object value = invocation.check(LOOKUP_OPTIONS, () -> layer.lookup(LOOKUP_OPTIONS, MergeStrategy.HASH, invocation));
        if (value == MergeStrategy.NOT_FOUND || value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new LookupError("value of lookup_options must be a hash");
        }
        if (moduleName != null) {
            String prefix = moduleName + "::";
            for (Object k : map.keySet()) {
                String key = String.valueOf(k);
                if (key.startsWith("^")) {
                    if (!key.substring(1).startsWith(prefix)) {
                        throw new LookupError("all lookup_options patterns must match a key starting with module name '"
                                + moduleName + "'");
                    }
                } else if (!key.startsWith(prefix)) {
                    throw new LookupError("all lookup_options keys must start with module name '" + moduleName + "'");
                }
            }
        }
        return map;
    }

    /** One layer: a hiera.yaml (or Puppet's default when a global one is missing) and its data. */
    private final class Layer {
        private final Path configFile;
        private final String where;
        private final String moduleName;
        private final boolean defaultWhenMissing;
        private final Map<String, Path> datadirs = new ConcurrentHashMap<>();
        private final Map<String, Path> locationPaths = new ConcurrentHashMap<>();
        private volatile Object parsedSource;
        private volatile HieraConfig config;

        Layer(Path configFile, String where, String moduleName, boolean defaultWhenMissing) {
            this.configFile = configFile;
            this.where = where;
            this.moduleName = moduleName;
            this.defaultWhenMissing = defaultWhenMissing;
        }

        /** The configuration, or null when this layer has none. */
        HieraConfig config() {
            Object parsed = files.load(configFile, DataFileCache.Format.YAML);
            if (parsed == DataFileCache.MISSING) {
                return defaultWhenMissing ? HieraConfig.defaultConfig(configFile.getParent()) : null;
            }
            if (parsed != parsedSource) {
                HieraConfig fresh = HieraConfig.parse(parsed, configFile, where);
                config = fresh;
                parsedSource = parsed;
                return fresh;
            }
            return config;
        }

        Object lookup(String rootKey, MergeStrategy strategy, Interpolator invocation) {
            HieraConfig cfg = config();
            if (cfg == null || cfg.hierarchy().isEmpty()) {
                return MergeStrategy.NOT_FOUND;
            }
            return strategy.lookup(cfg.hierarchy(), level -> lookupInLevel(cfg, level, rootKey, strategy, invocation));
        }

        private Object lookupInLevel(HieraConfig cfg, HieraConfig.Level level, String rootKey, MergeStrategy strategy,
                                     Interpolator invocation) {
            DataFileCache.Format format = switch (level.backendKey() + ":" + level.backendFunction()) {
                case "data_hash:yaml_data" -> DataFileCache.Format.YAML;
                case "data_hash:json_data" -> DataFileCache.Format.JSON;
                default -> throw HieraConfig.error(cfg.file(), unsupportedBackend(level));
            };
            if (level.locationKind() == HieraConfig.LocationKind.NONE) {
                throw HieraConfig.error(cfg.file(), "one of 'path', 'paths' 'glob', 'globs' or 'mapped_paths' must be"
                        + " declared in hiera.yaml when using this data_hash function");
            }
            List<Path> locations = resolveLocations(cfg, level, invocation);
            return strategy.lookup(locations, path -> lookupInFile(path, format, rootKey, invocation));
        }

        private String unsupportedBackend(HieraConfig.Level level) {
            String what = level.backendKey() + " '" + level.backendFunction() + "'";
            if (level.backendFunction().contains("eyaml")) {
                return "hiera-eyaml is not supported: hierarchy '" + level.name() + "' uses " + what;
            }
            return "Unsupported Hiera backend in hierarchy '" + level.name() + "': " + what
                    + " (only data_hash yaml_data and json_data are supported)";
        }

        private Object lookupInFile(Path path, DataFileCache.Format format, String rootKey, Interpolator invocation) {
            Object data = files.load(path, format);
            if (data == DataFileCache.MISSING) {
                return MergeStrategy.NOT_FOUND;
            }
            if (!(data instanceof Map<?, ?> hash)) {
                // Puppet warns "file does not contain a valid yaml hash" and treats it as empty.
                return MergeStrategy.NOT_FOUND;
            }
            if (!hash.containsKey(rootKey)) {
                return MergeStrategy.NOT_FOUND;
            }
            if (moduleName != null && !rootKey.equals(LOOKUP_OPTIONS) && !rootKey.startsWith(moduleName + "::")) {
                // Puppet drops keys outside the module's namespace (with a warning).
                return MergeStrategy.NOT_FOUND;
            }
            return invocation.interpolate(hash.get(rootKey), true);
        }

        private List<Path> resolveLocations(HieraConfig cfg, HieraConfig.Level level, Interpolator invocation) {
            String datadirName = (String) invocation.interpolate(level.datadir(), false);
            Path datadir = resolved(cfg.root(), datadirName, null);
            List<Path> out = new ArrayList<>();
            switch (level.locationKind()) {
                case PATHS -> {
                    for (String template : level.locations()) {
                        out.add(resolved(datadir, datadirName, (String) invocation.interpolate(template, false)));
                    }
                }
                case GLOBS -> {
                    for (String template : level.locations()) {
                        String pattern = (String) invocation.interpolate(template, false);
                        out.addAll(files.glob(datadir + "\u0000" + pattern, () -> glob(datadir, pattern)));
                    }
                }
                case MAPPED_PATHS -> {
                    List<String> triplet = level.locations();
                    Object vars = invocation.scopeValue(triplet.get(0), "mapped_path[0]");
                    List<?> values;
                    if (vars == null || vars instanceof String s && s.isEmpty()) {
                        values = List.of();
                    } else if (vars instanceof String s) {
                        values = List.of(s);
                    } else if (vars instanceof List<?> list) {
                        values = list;
                    } else {
                        throw HieraConfig.error(cfg.file(), "mapped_paths in hierarchy '" + level.name()
                                + "' needs a String or an Array, got " + Types.argumentTypeName(vars));
                    }
                    for (Object var : values) {
                        Interpolator local = invocation.withLocal(triplet.get(1), var);
                        out.add(resolved(datadir, datadirName, (String) local.interpolate(triplet.get(2), false)));
                    }
                }
                default -> {
                }
            }
            return out;
        }

        /** base resolved against a relative name, memoised: Path arithmetic dominated warm lookups. */
        private Path resolved(Path base, String baseName, String name) {
            String key = name == null ? baseName : baseName + "\u0000" + name;
            Map<String, Path> memo = name == null ? datadirs : locationPaths;
            Path path = memo.get(key);
            if (path == null) {
                path = (name == null ? base.resolve(baseName) : base.resolve(name)).normalize();
                if (memo.size() < 10_000) {
                    memo.put(key, path);
                }
            }
            return path;
        }
    }

    /** Ruby's Pathname.glob: sorted regular files; {@code **}/ also matches no directory at all. */
    static List<Path> glob(Path datadir, String pattern) {
        String full = datadir.resolve(pattern).normalize().toString();
        String[] parts = full.split("/");
        StringBuilder base = new StringBuilder();
        int firstGlob = parts.length;
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].matches(".*[*?\\[{].*")) {
                firstGlob = i;
                break;
            }
            if (i > 0) {
                base.append('/');
            }
            base.append(parts[i]);
        }
        Path basePath = Path.of(base.length() == 0 ? "/" : base.toString());
        if (firstGlob == parts.length) {
            return Files.isRegularFile(basePath) ? List.of(basePath) : List.of();
        }
        List<PathMatcher> matchers = new ArrayList<>();
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + full));
        if (full.contains("/**/")) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + full.replace("/**/", "/")));
        }
        int depth = full.contains("**") ? Integer.MAX_VALUE : parts.length - firstGlob;
        if (!Files.isDirectory(basePath)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(basePath, depth)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> matchers.stream().anyMatch(m -> m.matches(p)))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new LookupError("Unable to expand glob " + full + ": " + e.getMessage(), e);
        }
    }
}
