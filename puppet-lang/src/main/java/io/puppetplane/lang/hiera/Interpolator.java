package io.puppetplane.lang.hiera;

import io.puppetplane.lang.erb.RubyValues;
import io.puppetplane.lang.spi.VariableScope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hiera's {@code %{...}} interpolation in hiera.yaml paths and data values: scope variables with dotted digging,
 * and the methods {@code scope}, {@code lookup}/{@code hiera}, {@code alias} and {@code literal}.
 * One instance serves one top-level lookup call: it carries the scope and the recursion guard.
 */
final class Interpolator {

    /** Performs the nested lookups of {@code %{lookup('k')}} and {@code %{alias('k')}}. */
    interface NestedLookup {
        Object lookupWithEmptyDefault(String key, Interpolator invocation);
    }

    private static final Pattern METHOD = Pattern.compile("^(\\w+)\\((?:\"([^\"]+)\"|'([^']+)')\\)$");
    private static final Set<String> EMPTY_EXPRESSIONS = Set.of("", "::", "\"\"", "''", "\"::\"", "'::'");

    private final VariableScope scope;
    private final NestedLookup nested;
    private final Deque<String> nameStack;

    Interpolator(VariableScope scope, NestedLookup nested) {
        this(scope, nested, new ArrayDeque<>());
    }

    private Interpolator(VariableScope scope, NestedLookup nested, Deque<String> nameStack) {
        this.scope = scope;
        this.nested = nested;
        this.nameStack = nameStack;
    }

    /** The same invocation with one extra local variable (mapped_paths). */
    Interpolator withLocal(String name, Object value) {
        VariableScope outer = scope;
        VariableScope overlay = new VariableScope() {
            @Override
            public Object lookupVariable(String n) {
                return n.equals(name) ? value : outer.lookupVariable(n);
            }

            @Override
            public boolean isDefined(String n) {
                return n.equals(name) || outer.isDefined(n);
            }
        };
        return new Interpolator(overlay, nested, nameStack);
    }

    /** Runs body with name on the recursion guard ("Recursive lookup detected in [a, b]"). */
    <T> T check(String name, java.util.function.Supplier<T> body) {
        if (nameStack.contains(name)) {
            // Ruby Puppet's global layer meets the recursion first and words it with the top-level key.
            List<String> names = reversed();
            throw new LookupError("Lookup of key '" + names.get(0) + "' failed: Recursive lookup detected in ["
                    + String.join(", ", names) + "]");
        }
        nameStack.push(name);
        try {
            return body.get();
        } finally {
            nameStack.pop();
        }
    }

    private List<String> reversed() {
        List<String> names = new ArrayList<>(nameStack);
        java.util.Collections.reverse(names);
        return names;
    }

    /** Interpolates strings in a value, recursing into arrays and hash keys and values. */
    Object interpolate(Object value, boolean allowMethods) {
        if (value instanceof String s) {
            return s.contains("%{") ? interpolateString(s, allowMethods) : s;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object element : list) {
                out.add(interpolate(element, allowMethods));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(interpolate(k, allowMethods), interpolate(v, allowMethods)));
            return out;
        }
        return value;
    }

    private Object interpolateString(String subject, boolean allowMethods) {
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (true) {
            // Scanned by hand: this runs for every path template of every lookup.
            int start = subject.indexOf("%{", last);
            int end = start < 0 ? -1 : subject.indexOf('}', start + 2);
            if (end < 0) {
                break;
            }
            out.append(subject, last, start);
            last = end + 1;
            String whole = subject.substring(start, end + 1);
            String expr = subject.substring(start + 2, end).strip();
            if (EMPTY_EXPRESSIONS.contains(expr)) {
                continue;
            }
            String method = "scope";
            String key = expr;
            Matcher mm = expr.indexOf('(') < 0 ? null : METHOD.matcher(expr);
            if (mm != null && mm.matches()) {
                if (!allowMethods) {
                    throw new LookupError("Interpolation using method syntax is not allowed in this context");
                }
                method = mm.group(1);
                key = mm.group(2) != null ? mm.group(2) : mm.group(3);
            }
            Object value;
            switch (method) {
                case "alias" -> {
                    if (!subject.equals(whole)) {
                        throw new LookupError("'alias' interpolation is only permitted if the expression is equal to the entire string");
                    }
                    return nested.lookupWithEmptyDefault(key, this);
                }
                case "literal" -> value = key;
                case "lookup", "hiera" -> {
                    Object found = nested.lookupWithEmptyDefault(key, this);
                    value = check(key, () -> interpolate(found, allowMethods));
                }
                case "scope" -> {
                    Object found = scopeValue(key, subject);
                    String finalKey = key;
                    value = check("scope:" + finalKey, () -> interpolate(found, allowMethods));
                }
                default -> throw new LookupError("Unknown interpolation method '" + method + "'");
            }
            out.append(RubyValues.toS(value));
        }
        out.append(subject, last, subject.length());
        return out.toString();
    }

    /** A variable from the scope, dug into with dotted segments; null when undefined or missing. */
    Object scopeValue(String key, String subject) {
        List<Object> segments;
        try {
            segments = KeySegments.split(key);
        } catch (IllegalArgumentException e) {
            throw new LookupError("Syntax error in string: " + subject);
        }
        Object value = scope.lookupVariable((String) segments.get(0));
        if (value == null || segments.size() == 1) {
            return value;
        }
        Object found = KeySegments.dig(value, segments, key);
        return found == MergeStrategy.NOT_FOUND ? null : found;
    }
}
