package io.puppetplane.lang.hiera;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dotted keys as Hiera reads them: {@code a.b.0} digs into hashes and arrays, quoted segments
 * ({@code facts."a.b"}) keep their dots, all-digit segments are array indexes.
 */
final class KeySegments {

    private static final Pattern SEGMENT = Pattern.compile("\\s*\"[^\"]+\"\\s*|\\s*'[^']+'\\s*|[^'\".]+");
    private static final Pattern INTEGER = Pattern.compile("^[+-]?[0-9]+$");

    private KeySegments() {
    }

    /**
     * Splits a key; the first segment is always a String.
     *
     * @throws IllegalArgumentException on a syntax error (the caller words the error)
     */
    static List<Object> split(String key) {
        if (key.indexOf('.') < 0 && key.indexOf('"') < 0 && key.indexOf('\'') < 0) {
            return List.of(key);
        }
        List<Object> known = CACHE.get(key);
        if (known != null) {
            return known;
        }
        List<Object> segments = List.copyOf(parse(key));
        if (CACHE.size() < 10_000) {
            CACHE.put(key, segments);
        }
        return segments;
    }

    /** Keys and interpolation expressions repeat on every lookup: split each once. */
    private static final java.util.Map<String, List<Object>> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private static List<Object> parse(String key) {
        List<Object> segments = new ArrayList<>();
        Matcher m = SEGMENT.matcher(key);
        int pos = 0;
        boolean expectSegment = true;
        while (pos < key.length()) {
            if (expectSegment) {
                if (!m.find(pos) || m.start() != pos) {
                    throw new IllegalArgumentException("Syntax error");
                }
                String seg = m.group().strip();
                if (seg.startsWith("\"") || seg.startsWith("'")) {
                    segments.add(seg.substring(1, seg.length() - 1));
                } else if (!segments.isEmpty() && INTEGER.matcher(seg).matches()) {
                    segments.add(Long.parseLong(seg));
                } else {
                    segments.add(seg);
                }
                pos = m.end();
                expectSegment = false;
            } else {
                if (key.charAt(pos) != '.') {
                    throw new IllegalArgumentException("Syntax error");
                }
                pos++;
                expectSegment = true;
            }
        }
        if (expectSegment) {
            throw new IllegalArgumentException("Syntax error");
        }
        if (segments.get(0) instanceof Long l) {
            segments.set(0, l.toString());
        }
        return segments;
    }

    /**
     * Digs into a value along segments (after the first): NOT_FOUND when a step is missing.
     *
     * @throws LookupError when a step meets a value that is not a hash (or an array for an index)
     */
    static Object dig(Object value, List<Object> segments, String key) {
        for (int i = 1; i < segments.size(); i++) {
            Object segment = segments.get(i);
            if (value == null) {
                return MergeStrategy.NOT_FOUND;
            }
            if (segment instanceof Long index && value instanceof List<?> list) {
                if (index < 0 || index >= list.size()) {
                    return MergeStrategy.NOT_FOUND;
                }
                value = list.get(index.intValue());
                continue;
            }
            if (!(value instanceof Map<?, ?> map)) {
                throw new LookupError("Data Provider type mismatch: Got " + rubyClassName(value)
                        + " when a hash-like object was expected to access value using '" + segment + "' from key '" + key + "'");
            }
            if (!map.containsKey(segment)) {
                return MergeStrategy.NOT_FOUND;
            }
            value = map.get(segment);
        }
        return value;
    }

    private static String rubyClassName(Object value) {
        if (value instanceof String) {
            return "String";
        }
        if (value instanceof Long) {
            return "Integer";
        }
        if (value instanceof Double) {
            return "Float";
        }
        if (value instanceof Boolean b) {
            return b ? "TrueClass" : "FalseClass";
        }
        if (value instanceof List<?>) {
            return "Array";
        }
        return value.getClass().getSimpleName();
    }
}
