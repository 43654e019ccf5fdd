package io.puppetplane.lang;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** YAML gives Integer for small numbers; Puppet values use Long. */
final class CompileRequestFacts {

    private CompileRequestFacts() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> normalise(Map<String, Object> in) {
        return (Map<String, Object>) convert(in);
    }

    static Object convert(Object v) {
        if (v instanceof Integer i) {
            return (long) i;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), convert(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(convert(x)));
            return out;
        }
        return v;
    }
}
