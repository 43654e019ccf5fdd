package io.puppetplane.lang.value;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code Deferred(name, arguments)}: a function call the agent makes when it applies the catalog. The compiler
 * only carries it; the reference compiler's JSON renders it as Puppet's string form of the object.
 *
 * @param arguments null when none were given
 */
public record DeferredValue(String name, List<Object> arguments) {

    /** The object's attributes as Puppet lists them: name, then arguments when given. */
    public Map<String, Object> attributes() {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("name", name);
        if (arguments != null) {
            attrs.put("arguments", arguments);
        }
        return attrs;
    }

    /** Puppet's string form of the object: {@code Deferred({'name' => 'join', 'arguments' => [['a'], '-']})}. */
    @Override
    public String toString() {
        return "Deferred(" + literal(attributes()) + ")";
    }

    private static String literal(Object v) {
        if (v == null) {
            return "undef";
        }
        if (v instanceof String s) {
            return "'" + s.replace("'", "\\'") + "'";
        }
        if (v instanceof Sensitive sensitive) {
            // Ruby's object formatter describes a Sensitive by its type, never by its value
            return "Instance of Sensitive[" + io.puppetplane.lang.types.Types.typeName(sensitive.value()) + "]";
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(literal(l.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ", ").append(literal(e.getKey())).append(" => ").append(literal(e.getValue()));
                first = false;
            }
            return sb.append('}').toString();
        }
        return io.puppetplane.lang.eval.Values.str(v);
    }
}
