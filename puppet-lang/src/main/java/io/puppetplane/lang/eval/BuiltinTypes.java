package io.puppetplane.lang.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Ruby Puppet 7's built-in resource types with their key attributes and parameters (from builtin-types.txt). */
final class BuiltinTypes {

    /**
     * NAMEVAR: the first key attribute, which a title fills; KEY_ATTRIBUTES: all of them (Package has three);
     * SORTED_KEY_ATTRIBUTES: the same by name, the order of a uniqueness key, sorted once rather than per resource.
     */
    record Type(String name, String namevar, List<String> keyAttributes, List<String> sortedKeyAttributes,
                Set<String> parameters) {
    }

    private static final Map<String, Type> TYPES = load();
    /** The same by the catalog's spelling (File, not file), so a resource's type is looked up without a copy. */
    private static final Map<String, Type> BY_RESOURCE_TYPE = byResourceType();

    private BuiltinTypes() {
    }

    static Type get(String name) {
        return TYPES.get(name);
    }

    /** The built-in type of a catalog resource's type name ({@code File}), or null. */
    static Type ofResource(String resourceType) {
        return BY_RESOURCE_TYPE.get(resourceType);
    }

    private static Map<String, Type> byResourceType() {
        Map<String, Type> out = new HashMap<>();
        TYPES.forEach((name, type) -> out.put(Compilation.capitalize(name), type));
        return out;
    }

    private static Map<String, Type> load() {
        Map<String, Type> out = new HashMap<>();
        try (InputStream in = BuiltinTypes.class.getResourceAsStream("/io/puppetplane/lang/builtin-types.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank() || line.startsWith("meta ")) {
                    continue;
                }
                String[] f = line.split(" ");
                List<String> keys = List.of(f[1].split(","));
                out.put(f[0], new Type(f[0], keys.get(0), keys, keys.stream().sorted().toList(),
                    Set.of(f[2].split(","))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
