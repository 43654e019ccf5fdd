package io.puppetplane.lang.value;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A Puppet data type as a value: its name ({@code Integer}, {@code Optional}, ...) and its parameters, which are
 * Puppet values themselves (other TypeValues, numbers, strings, regexps, hashes for Struct). A type alias
 * ({@code Stdlib::Port}) is named after itself and has its {@link AliasBody} as only parameter.
 */
public record TypeValue(String name, List<Object> params) {

    public static TypeValue of(String name) {
        return new TypeValue(name, List.of());
    }

    /** A type alias whose type is evaluated when first needed, so an alias may refer to itself. */
    public static TypeValue alias(String name, Supplier<TypeValue> body) {
        return new TypeValue(name, List.of(new AliasBody(body)));
    }

    public boolean isAlias() {
        return params.size() == 1 && params.get(0) instanceof AliasBody;
    }

    /** The type an alias stands for (through aliases of aliases); any other type itself. */
    public TypeValue resolved() {
        TypeValue t = this;
        for (int depth = 0; t.isAlias() && depth < 100; depth++) {
            t = ((AliasBody) t.params.get(0)).type();
        }
        return t;
    }

    /** The body of a type alias, evaluated once. Equal only to itself: two aliases are the same alias. */
    public static final class AliasBody {
        private final Supplier<TypeValue> body;
        private TypeValue type;

        AliasBody(Supplier<TypeValue> body) {
            this.body = body;
        }

        public TypeValue type() {
            if (type == null) {
                type = TypeValue.of("Any"); // what a reference to the alias from its own body sees meanwhile
                try {
                    type = body.get();
                } catch (RuntimeException e) {
                    type = null;
                    throw e;
                }
            }
            return type;
        }
    }

    /** As Ruby Puppet prints a type; an alias (only at the top) with what it stands for. */
    @Override
    public String toString() {
        return isAlias() ? toExpandedString() : format(this, null);
    }

    /** As Ruby Puppet prints a type in mismatch errors: aliases with their type, Stdlib::Port = Integer[0, 65535]. */
    public String toExpandedString() {
        return format(this, new HashSet<>());
    }

    /** @param expanding null when aliases print as their names; else the aliases being expanded */
    private static String format(TypeValue t, Set<String> expanding) {
        List<Object> params = t.params;
        String name = t.name;
        if (t.isAlias()) {
            if (expanding == null || !expanding.add(name)) {
                return name;
            }
            try {
                return name + " = " + format(t.resolved(), expanding);
            } finally {
                expanding.remove(name);
            }
        }
        if (params.isEmpty()) {
            return name;
        }
        switch (name) {
            case "String":
                // the inferred type of a string value prints without it
                if (params.get(0) instanceof String) {
                    return name;
                }
                break;
            case "Resource":
                if (params.get(0) instanceof String type) {
                    String typeName = resourceTypeName(type);
                    if (params.size() == 1) {
                        return typeName;
                    }
                    return typeName + "[" + params.subList(1, params.size()).stream().map(p -> show(p, expanding))
                        .collect(Collectors.joining(", ")) + "]";
                }
                break;
            case "Timestamp":
            case "Timespan":
                if (params.size() == 2 && params.get(0) != null && params.get(0).equals(params.get(1))) {
                    // The inferred type of a time value is a range of one, printed once.
                    return name + "[" + show(params.get(0), expanding) + "]";
                }
                break;
            case "Enum":
                if (params.stream().allMatch(p -> p instanceof String)) {
                    // Ruby Puppet prints enum values sorted
                    return name + "[" + params.stream().map(String::valueOf).sorted().map(p -> show(p, expanding))
                        .collect(Collectors.joining(", ")) + "]";
                }
                break;
            default:
                break;
        }
        int end = params.size();
        while (end > 1 && params.get(end - 1) instanceof Default && isRange(name)) {
            end--; // Integer[1, default] prints as Integer[1]
        }
        return name + "[" + params.subList(0, end).stream().map(p -> show(p, expanding))
            .collect(Collectors.joining(", ")) + "]";
    }

    private static boolean isRange(String name) {
        return switch (name) {
            case "Integer", "Float", "String", "Array", "Hash", "Tuple", "Collection", "Timestamp", "Timespan" -> true;
            default -> false;
        };
    }

    /** file → File, foo::bar → Foo::Bar, as resource types print. */
    private static String resourceTypeName(String type) {
        StringBuilder out = new StringBuilder(type.length());
        for (String segment : type.split("::", -1)) {
            if (out.length() > 0) {
                out.append("::");
            }
            out.append(segment.isEmpty() ? segment : Character.toUpperCase(segment.charAt(0)) + segment.substring(1));
        }
        return out.toString();
    }

    static String show(Object o) {
        return show(o, null);
    }

    private static String show(Object o, Set<String> expanding) {
        if (o instanceof String || o instanceof Timestamp || o instanceof Timespan) {
            return "'" + o + "'";
        }
        if (o == null) {
            return "undef";
        }
        if (o instanceof TypeValue t) {
            return format(t, expanding);
        }
        if (o instanceof ResourceRef r) {
            // inside a type a reference prints as a type: File['/tmp'], Class[ntp]
            return r.type().equals("Class") ? "Class[" + r.title().toLowerCase() + "]"
                : r.type() + "['" + r.title() + "']";
        }
        if (o instanceof java.util.Map<?, ?> m) {
            return m.entrySet().stream().map(e -> show(e.getKey(), expanding) + " => " + show(e.getValue(), expanding))
                .collect(Collectors.joining(", ", "{", "}"));
        }
        return String.valueOf(o);
    }
}
