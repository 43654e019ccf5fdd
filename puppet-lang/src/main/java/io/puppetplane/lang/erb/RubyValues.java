package io.puppetplane.lang.erb;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * How Ruby (3.1, as shipped with Debian's Puppet 7) turns values of the puppet-lang value model into text:
 * {@code to_s} and {@code inspect}. Hiera interpolation and ERB output depend on it.
 */
public final class RubyValues {

    private RubyValues() {
    }

    /** Ruby's {@code Array#join}: nested arrays are joined recursively, elements printed with {@code to_s}. */
    public static String join(List<?> list, String separator) {
        StringBuilder out = new StringBuilder();
        joinInto(list, separator, out, new boolean[] {true});
        return out.toString();
    }

    /** Ruby's {@code Array#flatten} into {@code out}: nested arrays are spliced in place, recursively. */
    public static void flattenInto(List<?> list, List<Object> out) {
        for (Object e : list) {
            if (e instanceof List<?> inner) {
                flattenInto(inner, out);
            } else {
                out.add(e);
            }
        }
    }

    private static void joinInto(List<?> list, String separator, StringBuilder out, boolean[] first) {
        for (Object e : list) {
            if (e instanceof List<?> inner) {
                joinInto(inner, separator, out, first);
                continue;
            }
            if (!first[0]) {
                out.append(separator);
            }
            first[0] = false;
            out.append(toS(e));
        }
    }

    /** Ruby's {@code to_s}: nil is empty, arrays and hashes print as {@code inspect}. */
    public static String toS(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Double d) {
            return floatToS(d);
        }
        if (value instanceof RubySymbol sym) {
            return sym.name();
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            return inspect(value);
        }
        return String.valueOf(value);
    }

    /** Ruby's {@code inspect}: strings quoted and escaped, {@code {"a"=>1}} hashes, {@code nil}. */
    public static String inspect(Object value) {
        StringBuilder out = new StringBuilder();
        inspect(value, out);
        return out.toString();
    }

    private static void inspect(Object value, StringBuilder out) {
        if (value == null) {
            out.append("nil");
        } else if (value instanceof String s) {
            quote(s, out);
        } else if (value instanceof RubySymbol sym) {
            out.append(':').append(sym.name());
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                inspect(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                inspect(e.getKey(), out);
                out.append("=>");
                inspect(e.getValue(), out);
                if (it.hasNext()) {
                    out.append(", ");
                }
            }
            out.append('}');
        } else {
            out.append(toS(value));
        }
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                case 0x0B -> out.append("\\v");
                case 0x07 -> out.append("\\a");
                case 0x1B -> out.append("\\e");
                case '#' -> {
                    // Ruby escapes '#' only where it would start an interpolation.
                    char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
                    out.append(next == '{' || next == '$' || next == '@' ? "\\#" : "#");
                }
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\x%02X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Ruby's Float#to_s: shortest round-trip digits, scientific below 1e-4 and from 1e16 on. */
    public static String floatToS(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        double abs = Math.abs(d);
        BigDecimal exact = new BigDecimal(Double.toString(d));
        if (abs >= 1e16 || abs < 1e-4) {
            String digits = exact.unscaledValue().abs().toString().replaceAll("0+$", "");
            int exponent = exact.precision() - exact.scale() - 1;
            String mantissa = digits.length() == 1 ? digits + ".0" : digits.charAt(0) + "." + digits.substring(1);
            return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = exact.stripTrailingZeros().toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    /** A Ruby symbol ({@code :name}) as ERB templates use them. */
    public record RubySymbol(String name) {
    }
}
