package io.puppetplane.lang.hiera;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated hiera.yaml of version 5: its hierarchy levels with their backend, data directory and location
 * templates (not yet interpolated).
 *
 * @param file the hiera.yaml, or null for Puppet's built-in default configuration
 * @param root the directory relative to which datadirs resolve
 */
record HieraConfig(Path file, Path root, List<Level> hierarchy, boolean hasDefaultHierarchy) {

    /** How a level names its data files. */
    enum LocationKind { PATHS, GLOBS, MAPPED_PATHS, NONE }

    /** One hierarchy entry. */
    record Level(String name, String backendKey, String backendFunction, String datadir,
                 LocationKind locationKind, List<String> locations, Map<Object, Object> options) {
    }

    private static final List<String> FUNCTION_KEYS = List.of("data_hash", "lookup_key", "data_dig", "hiera3_backend");
    private static final Map<String, String> BUILT_IN_DEFAULTS = Map.of("datadir", "data", "data_hash", "yaml_data");
    private static final List<String> LOCATION_KEYS =
            List.of("path", "paths", "glob", "globs", "uri", "uris", "mapped_paths");

    /** Puppet's default: one level "Common" reading data/common.yaml with yaml_data, when it exists. */
    static HieraConfig defaultConfig(Path root) {
        return new HieraConfig(null, root, List.of(new Level("Common", "data_hash", "yaml_data", "data",
                LocationKind.PATHS, List.of("common.yaml"), Map.of())), false);
    }

    /**
     * Validates a parsed hiera.yaml.
     *
     * @param where "the global layer", "an environment" or "a module", for Puppet's wording of version errors
     * @return the configuration, or null for a version 3 file in a module (Puppet ignores it with a warning)
     */
    static HieraConfig parse(Object parsed, Path file, String where) {
        if (!(parsed instanceof Map<?, ?> map)) {
            if (where.equals("a module")) {
                return null;
            }
            throw error(file, "File exists but does not contain a valid YAML hash");
        }
        Object versionValue = map.get("version");
        long version = versionValue == null ? 3 : toVersion(versionValue, file);
        if (version == 3) {
            if (where.equals("a module")) {
                return null;
            }
            throw error(file, "hiera.yaml version 3 cannot be used in " + where
                    + " (only hiera.yaml version 5 is supported here)");
        }
        if (version == 4) {
            throw error(file, "hiera.yaml version 4 is not supported here: convert it to version 5");
        }
        if (version != 5) {
            throw error(file, "This runtime does not support hiera.yaml version " + version);
        }
        for (Object key : map.keySet()) {
            if (!Set.of("version", "defaults", "hierarchy", "default_hierarchy", "plan_hierarchy").contains(key)) {
                throw error(file, "The Lookup Configuration at '" + file + "' has unrecognized key '" + key + "'");
            }
        }
        // Without a defaults section Puppet applies its own (datadir 'data', data_hash yaml_data); a defaults
        // section replaces that whole, so one without a function leaves levels to name their own.
        Map<?, ?> defaults = map.get("defaults") == null ? BUILT_IN_DEFAULTS : asMap(map.get("defaults"), file, "defaults");
        long defaultFunctions = FUNCTION_KEYS.stream().filter(defaults::containsKey).count();
        if (defaultFunctions > 1) {
            throw error(file, "Only one of " + combined(FUNCTION_KEYS) + " can be defined in defaults");
        }
        checkReservedOptions(defaults.get("options"), file, "defaults", null);
        String defaultDatadir = defaults.get("datadir") == null ? "data" : nonEmptyString(defaults.get("datadir"), file, "datadir");
        if (map.containsKey("default_hierarchy") && !where.equals("a module")) {
            throw error(file, "'default_hierarchy' is only allowed in the module layer");
        }
        Object hierarchyValue = map.get("hierarchy");
        List<Level> levels = new ArrayList<>();
        if (hierarchyValue == null) {
            levels.addAll(defaultConfig(file.getParent()).hierarchy().stream()
                    .map(l -> new Level(l.name(), l.backendKey(), l.backendFunction(), defaultDatadir,
                            l.locationKind(), l.locations(), l.options()))
                    .toList());
        } else {
            if (!(hierarchyValue instanceof List<?> entries)) {
                throw error(file, "The Lookup Configuration at '" + file + "' entry 'hierarchy' expects an Array value");
            }
            Set<String> names = new LinkedHashSet<>();
            for (Object entryValue : entries) {
                Level level = parseLevel(asMap(entryValue, file, "hierarchy"), defaults, defaultDatadir, file);
                if (!names.add(level.name())) {
                    throw error(file, "Hierarchy name '" + level.name() + "' defined more than once.");
                }
                levels.add(level);
            }
        }
        return new HieraConfig(file, file.getParent(), List.copyOf(levels), map.containsKey("default_hierarchy"));
    }

    private static Level parseLevel(Map<?, ?> entry, Map<?, ?> defaults, String defaultDatadir, Path file) {
        Object nameValue = entry.get("name");
        if (!(nameValue instanceof String name) || name.isEmpty()) {
            throw error(file, "The Lookup Configuration at '" + file + "' entry 'hierarchy' expects a value for key 'name'");
        }
        List<String> functionKeys = new ArrayList<>();
        for (String key : FUNCTION_KEYS) {
            if (entry.containsKey(key)) {
                functionKeys.add(key);
            }
        }
        if (entry.containsKey("v4_data_hash")) {
            functionKeys.add("v4_data_hash");
        }
        String backendKey;
        String backendFunction;
        if (functionKeys.isEmpty()) {
            backendKey = FUNCTION_KEYS.stream().filter(defaults::containsKey).findFirst().orElse(null);
            if (backendKey == null) {
                throw error(file, "One of " + combined(FUNCTION_KEYS) + " must be defined in hierarchy '" + name + "'");
            }
            backendFunction = nonEmptyString(defaults.get(backendKey), file, backendKey);
        } else if (functionKeys.size() > 1) {
            throw error(file, "Only one of " + combined(FUNCTION_KEYS) + " can be defined in hierarchy '" + name + "'");
        } else {
            backendKey = functionKeys.get(0);
            backendFunction = nonEmptyString(entry.get(backendKey), file, backendKey);
        }
        if (backendKey.equals("hiera3_backend")) {
            throw error(file, "'hiera3_backend' is only allowed in the global layer");
        }
        List<String> locationKeys = LOCATION_KEYS.stream().filter(entry::containsKey).toList();
        if (locationKeys.size() > 1) {
            throw error(file, "Only one of " + combined(LOCATION_KEYS) + " can be defined in hierarchy '" + name + "'");
        }
        LocationKind kind = LocationKind.NONE;
        List<String> locations = List.of();
        if (!locationKeys.isEmpty()) {
            String key = locationKeys.get(0);
            Object value = entry.get(key);
            switch (key) {
                case "path", "glob" -> locations = List.of(nonEmptyString(value, file, key));
                case "paths", "globs", "mapped_paths" -> locations = stringList(value, file, key);
                default -> throw error(file, "Hierarchy '" + name + "' uses '" + key
                        + "': uri locations are only for lookup_key and data_dig backends, which are not supported here");
            }
            kind = switch (key) {
                case "path", "paths" -> LocationKind.PATHS;
                case "glob", "globs" -> LocationKind.GLOBS;
                default -> LocationKind.MAPPED_PATHS;
            };
            if (kind == LocationKind.MAPPED_PATHS && locations.size() != 3) {
                throw error(file, "The Lookup Configuration at '" + file + "' entry 'mapped_paths' expects size to be 3, got "
                        + locations.size());
            }
        }
        checkReservedOptions(entry.get("options"), file, "hierarchy", name);
        Object options = entry.get("options") != null ? entry.get("options") : defaults.get("options");
        @SuppressWarnings("unchecked")
        Map<Object, Object> optionMap = options == null ? Map.of() : (Map<Object, Object>) asMap(options, file, "options");
        String datadir = entry.get("datadir") == null ? defaultDatadir : nonEmptyString(entry.get("datadir"), file, "datadir");
        return new Level(name, backendKey, backendFunction, datadir, kind, locations, optionMap);
    }

    private static void checkReservedOptions(Object options, Path file, String where, String name) {
        if (options instanceof Map<?, ?> map) {
            for (String reserved : List.of("path", "uri")) {
                if (map.containsKey(reserved)) {
                    throw error(file, name == null
                            ? "Option key '" + reserved + "' used in defaults is reserved by Puppet"
                            : "Option key '" + reserved + "' used in hierarchy '" + name + "' is reserved by Puppet");
                }
            }
        }
    }

    private static long toVersion(Object value, Path file) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<?, ?> asMap(Object value, Path file, String what) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw error(file, "The Lookup Configuration at '" + file + "' entry '" + what + "' expects a Hash value");
    }

    private static String nonEmptyString(Object value, Path file, String what) {
        if (value instanceof String s && !s.isEmpty()) {
            return s;
        }
        throw error(file, "The Lookup Configuration at '" + file + "' entry '" + what + "' expects a non-empty String value");
    }

    private static List<String> stringList(Object value, Path file, String what) {
        if (value instanceof List<?> list && !list.isEmpty()) {
            List<String> out = new ArrayList<>();
            for (Object element : list) {
                out.add(nonEmptyString(element, file, what));
            }
            return List.copyOf(out);
        }
        throw error(file, "The Lookup Configuration at '" + file + "' entry '" + what + "' expects a non-empty Array of Strings");
    }

    /** Puppet's label.combine_strings: 'a', 'b', or 'c'. */
    private static String combined(List<String> keys) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                out.append(i == keys.size() - 1 ? ", or " : ", ");
            }
            out.append('\'').append(keys.get(i)).append('\'');
        }
        return out.toString();
    }

    static LookupError error(Path file, String message) {
        return new LookupError(file == null ? message : message + " (file: " + file + ")");
    }
}
