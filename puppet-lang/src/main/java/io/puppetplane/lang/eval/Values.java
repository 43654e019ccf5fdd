package io.puppetplane.lang.eval;

import io.puppetplane.lang.types.Types;
import io.puppetplane.lang.value.Default;
import io.puppetplane.lang.value.RegexpValue;
import io.puppetplane.lang.value.ResourceRef;
import io.puppetplane.lang.value.Sensitive;
import io.puppetplane.lang.value.TimeData;
import io.puppetplane.lang.value.Timespan;
import io.puppetplane.lang.value.Timestamp;
import io.puppetplane.lang.value.TypeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Operations on Puppet values: truthiness, equality, comparison, arithmetic and string conversion. */
public final class Values {

    private Values() {
    }

    public static boolean truthy(Object v) {
        return v != null && !Boolean.FALSE.equals(v);
    }

    /** Puppet's {@code ==}: strings compare case-insensitively, 1 == 1.0, collections deeply. */
    public static boolean equal(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof String sa && b instanceof String sb) {
            return sa.equalsIgnoreCase(sb);
        }
        if (a instanceof Number na && b instanceof Number nb) {
            if (a instanceof Long && b instanceof Long) {
                return na.longValue() == nb.longValue();
            }
            return na.doubleValue() == nb.doubleValue();
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!equal(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof TimeData && b instanceof Number nb) {
            return compareTimeWithNumber(a, nb) == 0;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (ma.size() != mb.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                if (!mb.containsKey(e.getKey()) || !equal(e.getValue(), mb.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    public static int compare(Object a, Object b) {
        if (a instanceof Number na && b instanceof Number nb) {
            if (a instanceof Long && b instanceof Long) {
                return Long.compare(na.longValue(), nb.longValue());
            }
            return Double.compare(na.doubleValue(), nb.doubleValue());
        }
        if (a instanceof String sa && b instanceof String sb) {
            return sa.compareToIgnoreCase(sb);
        }
        if (a instanceof Timestamp ta && b instanceof Timestamp tb) {
            return ta.compareTo(tb);
        }
        if (a instanceof Timespan sa && b instanceof Timespan sb) {
            return sa.compareTo(sb);
        }
        if (a instanceof TimeData && b instanceof Number nb) {
            return compareTimeWithNumber(a, nb);
        }
        throw new EvalError("Comparison of: " + Types.typeName(a) + " < " + Types.typeName(b) + ", is not possible");
    }

    /** Ruby's TimeData#<=>: whole seconds against an Integer, fractional seconds against a Float. */
    private static int compareTimeWithNumber(Object time, Number n) {
        TimeData t = (TimeData) time;
        return n instanceof Long l ? Long.compare(t.wholeSeconds(), l) : Double.compare(t.toSeconds(), n.doubleValue());
    }

    /** A string that looks like a number becomes that number in arithmetic, as in Ruby Puppet. */
    static Number toNumber(Object v, String op) {
        if (v instanceof Long || v instanceof Double) {
            return (Number) v;
        }
        if (v instanceof String s) {
            Number n = parseNumber(s.trim());
            if (n != null) {
                return n;
            }
        }
        if (!(v instanceof Map)) {
            // Ruby Puppet coerces any other operand and names it as Ruby prints it (undef as nothing)
            throw new EvalError("The value '" + str(v) + "' cannot be converted to Numeric.");
        }
        throw new EvalError("Operator '" + op + "' is not applicable to " + article(Types.typeName(v)) + " "
            + Types.typeName(v) + ".");
    }

    static String article(String name) {
        return "AEIOU".indexOf(name.charAt(0)) >= 0 ? "an" : "a";
    }

    static Number parseNumber(String s) {
        try {
            if (s.matches("[-+]?0[xX][0-9a-fA-F]+")) {
                boolean neg = s.startsWith("-");
                long v = Long.parseLong(s.replaceFirst("^[-+]?0[xX]", ""), 16);
                return neg ? -v : v;
            }
            if (s.matches("[-+]?0[0-7]+")) {
                return Long.parseLong(s, 8);
            }
            if (s.matches("[-+]?\\d+")) {
                return Long.parseLong(s);
            }
            if (s.matches("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
                return Double.parseDouble(s);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    public static Object arithmetic(String op, Object a, Object b) {
        if (a instanceof TimeData) {
            return TimeArithmetic.apply(op, a, b);
        }
        switch (op) {
            case "+":
                if (a instanceof List<?> la) {
                    List<Object> out = new ArrayList<>(la);
                    if (b instanceof List<?> lb) {
                        out.addAll(lb);
                    } else if (b instanceof Map<?, ?> mb) {
                        for (Map.Entry<?, ?> e : mb.entrySet()) {
                            out.add(new ArrayList<>(List.of(e.getKey(), e.getValue())));
                        }
                    } else {
                        out.add(b);
                    }
                    return out;
                }
                if (a instanceof Map<?, ?> ma) {
                    Map<Object, Object> out = new LinkedHashMap<>(ma);
                    if (b instanceof Map<?, ?> mb) {
                        out.putAll(mb);
                    } else if (b instanceof List<?> lb) {
                        out.putAll(HashAppend.entriesOf(lb));
                    } else {
                        throw new EvalError("Can only append Array or Hash to a Hash");
                    }
                    return out;
                }
                break;
            case "-":
                if (a instanceof List<?> la) {
                    List<Object> out = new ArrayList<>();
                    List<?> remove = b instanceof List<?> lb ? lb : List.of(b == null ? "" : b);
                    for (Object e : la) {
                        boolean drop = false;
                        for (Object r : remove) {
                            if (equal(e, r)) {
                                drop = true;
                                break;
                            }
                        }
                        if (!drop) {
                            out.add(e);
                        }
                    }
                    return out;
                }
                if (a instanceof Map<?, ?> ma) {
                    Map<Object, Object> out = new LinkedHashMap<>(ma);
                    if (b instanceof Map<?, ?> mb) {
                        mb.keySet().forEach(out::remove);
                    } else if (b instanceof List<?> lb) {
                        lb.forEach(out::remove);
                    } else {
                        out.remove(b);
                    }
                    return out;
                }
                break;
            case "<<":
                if (a instanceof List<?> la) {
                    List<Object> out = new ArrayList<>(la);
                    out.add(b);
                    return out;
                }
                break;
            default:
                break;
        }
        Number x = toNumber(a, op);
        Number y = toNumber(b, op);
        if (x instanceof Long lx && y instanceof Long ly) {
            long l = lx;
            long r = ly;
            return switch (op) {
                case "+" -> Math.addExact(l, r);
                case "-" -> Math.subtractExact(l, r);
                case "*" -> Math.multiplyExact(l, r);
                case "/" -> {
                    if (r == 0) {
                        throw new EvalError("Division by 0");
                    }
                    yield Math.floorDiv(l, r);
                }
                case "%" -> {
                    if (r == 0) {
                        throw new EvalError("Division by 0");
                    }
                    yield Math.floorMod(l, r);
                }
                case "<<" -> r >= 64 ? 0L : l << r;
                case ">>" -> r >= 64 ? (l < 0 ? -1L : 0L) : l >> r;
                default -> throw new EvalError("Unknown operator " + op);
            };
        }
        double l = x.doubleValue();
        double r = y.doubleValue();
        return switch (op) {
            case "+" -> l + r;
            case "-" -> l - r;
            case "*" -> l * r;
            case "/" -> {
                if (r == 0) {
                    throw new EvalError("Division by 0");
                }
                yield l / r;
            }
            case "%" -> throw new EvalError("Operator '%' is not applicable to a Float.");
            default -> throw new EvalError("Operator '" + op + "' is not applicable to a Float.");
        };
    }

    /** String conversion as done by interpolation: undef is empty, nested strings are quoted. */
    public static String str(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        return inspect(v, false);
    }

    private static String inspect(Object v, boolean nested) {
        if (v == null) {
            return ""; // undef inside a collection interpolates as nothing too, as in Ruby Puppet
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Double d) {
            return floatString(d);
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(inspect(l.get(i), true));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                sb.append(inspect(e.getKey(), true)).append(" => ").append(inspect(e.getValue(), true));
            }
            return sb.append('}').toString();
        }
        if (v instanceof Sensitive) {
            return "Sensitive [value redacted]";
        }
        if (v instanceof RegexpValue || v instanceof ResourceRef || v instanceof TypeValue || v instanceof Default) {
            return v.toString();
        }
        return String.valueOf(v);
    }

    /** Ruby's Float#to_s: 1.0, 0.5, 1.0e+20. */
    static String floatString(double d) {
        if (Double.isInfinite(d) || Double.isNaN(d)) {
            return d > 0 ? "Infinity" : (d < 0 ? "-Infinity" : "NaN");
        }
        double abs = Math.abs(d);
        if (abs != 0 && (abs >= 1e16 || abs < 1e-4)) {
            String s = String.format("%.17g", d);
            java.math.BigDecimal bd = new java.math.BigDecimal(Double.toString(d));
            String sci = bd.round(new java.math.MathContext(17)).stripTrailingZeros().toString();
            if (sci.contains("E")) {
                String mant = sci.substring(0, sci.indexOf('E'));
                String exp = sci.substring(sci.indexOf('E') + 1);
                if (!mant.contains(".")) {
                    mant = mant + ".0";
                }
                return mant + "e" + (exp.startsWith("-") ? exp : (exp.startsWith("+") ? exp : "+" + exp))
                    .replaceFirst("^([+-])(\\d)$", "$10$2");
            }
            return s;
        }
        String s = Double.toString(d);
        if (s.contains("E")) {
            s = new java.math.BigDecimal(d).toPlainString();
        }
        return s;
    }
}
