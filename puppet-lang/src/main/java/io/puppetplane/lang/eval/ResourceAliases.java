package io.puppetplane.lang.eval;

import io.puppetplane.lang.catalog.CatalogResource;
import io.puppetplane.lang.ruby.RubyResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The other names a native resource answers to, as Ruby Puppet's catalog registers them when the resource is added:
 * each {@code alias} value, and its uniqueness key (the values of its key attributes, sorted by attribute name) when
 * that is not just its title. A key of one attribute is another title ({@code File['/etc/x']} for a file titled
 * 'x-conf' with that path); a key of several (Package's command, name and provider; a custom type's namevars) is a
 * name of its own that only another resource with the same key can collide with.
 */
final class ResourceAliases {

    /**
     * LOOKUP: where it is registered (beside titles). The rest only words the error when it collides, so that text is
     * made then, not for every resource: the resource's TYPE, the key's VALUES (null: nil) and whether it is shown
     * in brackets (a key is, an alias value is not).
     */
    record Alias(String lookup, String type, List<String> values, boolean bracketed) {

        /** The key as Ruby's message inspects it. */
        String shown() {
            String parts = parts();
            return bracketed ? "[" + parts + "]" : parts;
        }

        /** The resource it is already declared as, as Ruby's message shows it. */
        String shownRef() {
            return "[" + inspect(type) + ", " + parts() + "]";
        }

        private String parts() {
            List<String> shown = new ArrayList<>(values.size());
            for (String v : values) {
                shown.add(v == null ? "nil" : inspect(v));
            }
            return String.join(", ", shown);
        }
    }

    /** Types whose name is not the identity of what they manage (two execs may run one command): no key alias. */
    private static final java.util.Set<String> NOT_ISOMORPHIC = java.util.Set.of("Exec", "Tidy");

    private ResourceAliases() {
    }

    static List<Alias> of(CatalogResource r, Function<String, Optional<RubyResourceType>> customTypes) {
        if (!"compilable_type".equals(r.kind())) {
            return List.of();
        }
        List<Alias> aliases = List.of();
        Object alias = r.parameters().get("alias");
        if (alias != null) {
            aliases = new ArrayList<>(1);
            for (Object a : alias instanceof List<?> l ? l : List.of(alias)) {
                if (a instanceof String s && !s.equals(r.title())) {
                    aliases.add(new Alias(s, r.type(), List.of(s), false));
                }
            }
        }
        List<String> keyAttributes = NOT_ISOMORPHIC.contains(r.type()) ? List.of() : keyAttributes(r, customTypes);
        if (keyAttributes.isEmpty()) {
            return aliases;
        }
        String namevar = keyAttributes.get(0);
        Map<String, Object> params = r.parameters();
        Object name = params.get(namevar) != null ? params.get(namevar)
            : params.get("name") != null ? params.get("name") : titleAsNamevar(r);
        if (keyAttributes.size() == 1) {
            // the common case (File, Service, User...): another title only when the namevar differs from it
            if (name == null || r.title().equals(str(name))) {
                return aliases;
            }
            String k = str(name);
            return withAlias(aliases, new Alias(k, r.type(), List.of(k), true));
        }
        List<String> key = new ArrayList<>(keyAttributes.size());
        boolean anyValue = false;
        BuiltinTypes.Type builtin = BuiltinTypes.ofResource(r.type());
        List<String> sorted = builtin != null ? builtin.sortedKeyAttributes() : keyAttributes.stream().sorted().toList();
        for (String attr : sorted) {
            Object v = params.get(attr);
            Object value = v != null ? v : attr.equals(namevar) || attr.equals("name") ? name : null;
            anyValue |= value != null;
            key.add(value == null ? null : str(value));
        }
        if (!anyValue) {
            return aliases;
        }
        StringBuilder lookup = new StringBuilder("\u0000");
        for (String v : key) {
            lookup.append(v == null ? "\u0001" : v).append('\u0000');
        }
        return withAlias(aliases, new Alias(lookup.toString(), r.type(), key, true));
    }

    private static List<Alias> withAlias(List<Alias> aliases, Alias alias) {
        if (aliases.isEmpty()) {
            return List.of(alias);
        }
        aliases.add(alias);
        return aliases;
    }

    /**
     * The aliases PuppetDB's terminus stores with a resource: with a single key attribute, its alias values and, when
     * the type is isomorphic, a namevar value other than its title; none with several key attributes.
     */
    static List<String> storedAliases(CatalogResource r, Function<String, Optional<RubyResourceType>> customTypes) {
        boolean defined = !"compilable_type".equals(r.kind());
        List<String> keys = defined ? List.of("name") : keyAttributes(r, customTypes);
        if (keys.size() > 1) {
            return List.of();
        }
        List<String> aliases = List.of(); // most resources have none: no list for them
        Object alias = r.parameters().get("alias");
        if (alias != null) {
            aliases = new ArrayList<>();
            for (Object a : alias instanceof List<?> l ? l : List.of(alias)) {
                if (a != null) {
                    aliases.add(str(a));
                }
            }
        }
        if (!NOT_ISOMORPHIC.contains(r.type())) {
            String namevar = keys.isEmpty() ? "name" : keys.get(0);
            Object name = r.parameters().get(namevar);
            if (name == null && !defined && !r.type().equals("Class")) {
                name = titleAsNamevar(r);
            }
            String shown = name == null ? null : str(name);
            if (shown != null && !shown.equals(r.title()) && !aliases.contains(shown)) {
                if (aliases.isEmpty()) {
                    aliases = new ArrayList<>(1);
                }
                aliases.add(shown);
            }
        }
        return aliases;
    }

    private static List<String> keyAttributes(CatalogResource r,
                                              Function<String, Optional<RubyResourceType>> customTypes) {
        BuiltinTypes.Type builtin = BuiltinTypes.ofResource(r.type());
        if (builtin != null) {
            return builtin.keyAttributes();
        }
        return customTypes.apply(r.type().toLowerCase())
            .map(t -> t.namevars().isEmpty() ? List.of("name") : t.namevars()).orElse(List.of());
    }

    /** What a title gives the namevar: File's title pattern drops trailing slashes, others take it whole. */
    private static String titleAsNamevar(CatalogResource r) {
        if (r.type().equals("File") && r.title().length() > 1) {
            return Compilation.withoutTrailingSlashes(r.title());
        }
        return r.title();
    }

    private static String str(Object v) {
        return Values.str(v);
    }

    private static String inspect(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
