package io.puppetplane.lang.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings data from JSON or YAML parsers (Integer, Float, BigDecimal, nested maps with non-String keys) into the
 * value model the compiler uses: Long, Double, String keys in LinkedHashMaps, ArrayLists.
 */
public final class DataNormaliser {

    private DataNormaliser() {
    }

    public static Object normalise(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? b.longValue() : b.doubleValue();
        }
        if (v instanceof Float f) {
            return Double.valueOf(f.toString());
        }
        if (v instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k instanceof String ? k : String.valueOf(k), normalise(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(normalise(x)));
            return out;
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> normaliseMap(Map<String, ?> m) {
        return m == null ? Map.of() : (Map<String, Object>) normalise(m);
    }
}
