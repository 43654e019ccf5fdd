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

    /** LOOKUP: where it is registered (beside titles); SHOWN: the key as Ruby's message inspects it. */
    record Alias(String lookup, String shown, String shownRef) {
    }

    /** Types whose name is not the identity of what they manage (two execs may run one command): no key alias. */
    private static final java.util.Set<String> NOT_ISOMORPHIC = java.util.Set.of("Exec", "Tidy");

    private ResourceAliases() {
    }

    static List<Alias> of(CatalogResource r, Function<String, Optional<RubyResourceType>> customTypes) {
        if (!"compilable_type".equals(r.kind())) {
            return List.of();
        }
        List<Alias> aliases = new ArrayList<>(0);
        Object alias = r.parameters().get("alias");
        for (Object a : alias instanceof List<?> l ? l : alias == null ? List.of() : List.of(alias)) {
            if (a instanceof String s && !s.equals(r.title())) {
                aliases.add(new Alias(s, inspect(s), "[" + inspect(r.type()) + ", " + inspect(s) + "]"));
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
        List<Object> key = new ArrayList<>();
        for (String attr : keyAttributes.stream().sorted().toList()) {
            Object v = params.get(attr);
            key.add(v != null ? v : attr.equals(namevar) || attr.equals("name") ? name : null);
        }
        if (key.stream().allMatch(v -> v == null) || (key.size() == 1 && r.title().equals(str(key.get(0))))) {
            return aliases;
        }
        if (key.size() == 1) {
            String k = str(key.get(0));
            aliases.add(new Alias(k, "[" + inspect(k) + "]", "[" + inspect(r.type()) + ", " + inspect(k) + "]"));
            return aliases;
        }
        StringBuilder lookup = new StringBuilder("\u0000");
        List<String> shown = new ArrayList<>();
        for (Object v : key) {
            lookup.append(v == null ? "\u0001" : str(v)).append('\u0000');
            shown.add(v == null ? "nil" : inspect(str(v)));
        }
        aliases.add(new Alias(lookup.toString(), "[" + String.join(", ", shown) + "]",
            "[" + inspect(r.type()) + ", " + String.join(", ", shown) + "]"));
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
        List<String> aliases = new ArrayList<>();
        Object alias = r.parameters().get("alias");
        for (Object a : alias instanceof List<?> l ? l : alias == null ? List.of() : List.of(alias)) {
            if (a != null) {
                aliases.add(str(a));
            }
        }
        if (!NOT_ISOMORPHIC.contains(r.type())) {
            String namevar = keys.isEmpty() ? "name" : keys.get(0);
            Object name = r.parameters().get(namevar);
            if (name == null && !defined && !r.type().equals("Class")) {
                name = titleAsNamevar(r);
            }
            if (name != null && !str(name).equals(r.title()) && !aliases.contains(str(name))) {
                aliases.add(str(name));
            }
        }
        return aliases;
    }

    private static List<String> keyAttributes(CatalogResource r,
                                              Function<String, Optional<RubyResourceType>> customTypes) {
        String type = r.type().toLowerCase();
        BuiltinTypes.Type builtin = BuiltinTypes.get(type);
        if (builtin != null) {
            return builtin.keyAttributes();
        }
        return customTypes.apply(type).map(t -> t.namevars().isEmpty() ? List.of("name") : t.namevars())
            .orElse(List.of());
    }

    /** What a title gives the namevar: File's title pattern drops trailing slashes, others take it whole. */
    private static String titleAsNamevar(CatalogResource r) {
        if (r.type().equals("File") && r.title().length() > 1) {
            String t = r.title().replaceAll("/+\\z", "");
            return t.isEmpty() ? "/" : t;
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
