package io.puppetplane.lang.value;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A Puppet data type as a value: its name ({@code Integer}, {@code Optional}, ...) and its parameters, which are
 * Puppet values themselves (other TypeValues, numbers, strings, regexps, hashes for Struct).
 */
public record TypeValue(String name, List<Object> params) {

    public static TypeValue of(String name) {
        return new TypeValue(name, List.of());
    }

    @Override
    public String toString() {
        if (params.isEmpty()) {
            return name;
        }
        if ((name.equals("Timestamp") || name.equals("Timespan")) && params.size() == 2
            && params.get(0) != null && params.get(0).equals(params.get(1))) {
            // The inferred type of a time value is a range of one, printed once.
            return name + "[" + show(params.get(0)) + "]";
        }
        if (name.equals("Enum") && params.stream().allMatch(p -> p instanceof String)) {
            // Ruby Puppet prints enum values sorted
            return name + "[" + params.stream().map(String::valueOf).sorted().map(TypeValue::show)
                .collect(Collectors.joining(", ")) + "]";
        }
        return name + "[" + params.stream().map(TypeValue::show).collect(Collectors.joining(", ")) + "]";
    }

    static String show(Object o) {
        if (o instanceof String || o instanceof Timestamp || o instanceof Timespan) {
            return "'" + o + "'";
        }
        if (o == null) {
            return "undef";
        }
        if (o instanceof java.util.Map<?, ?> m) {
            return m.entrySet().stream().map(e -> show(e.getKey()) + " => " + show(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
        }
        return String.valueOf(o);
    }
}
