package io.puppetplane.lang.functions;

import io.puppetplane.lang.erb.RubyValues;
import io.puppetplane.lang.spi.FunctionError;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Ruby's JSON.generate and JSON.pretty_generate over the value model, as stdlib's to_json uses them. */
final class RubyJson {

    private RubyJson() {
    }

    static String generate(Object value, boolean pretty) {
        StringBuilder out = new StringBuilder();
        write(value, out, pretty, 0);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out, boolean pretty, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Boolean || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                throw new FunctionError(RubyValues.floatToS(d) + " not allowed in JSON");
            }
            out.append(RubyValues.floatToS(d));
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                // Ruby's pretty_generate leaves an empty line inside an empty array.
                out.append(pretty ? "[\n\n" + "  ".repeat(depth) + "]" : "[]");
                return;
            }
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                newline(out, pretty, depth + 1);
                write(list.get(i), out, pretty, depth + 1);
            }
            newline(out, pretty, depth);
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append(pretty ? "{\n" + "  ".repeat(depth) + "}" : "{}");
                return;
            }
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                newline(out, pretty, depth + 1);
                string(RubyValues.toS(e.getKey()), out);
                out.append(pretty ? ": " : ":");
                write(e.getValue(), out, pretty, depth + 1);
                if (it.hasNext()) {
                    out.append(',');
                }
            }
            newline(out, pretty, depth);
            out.append('}');
        } else {
            string(value.toString(), out);
        }
    }

    private static void newline(StringBuilder out, boolean pretty, int depth) {
        if (pretty) {
            out.append('\n').append("  ".repeat(depth));
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case '\b' -> out.append("\\b");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
