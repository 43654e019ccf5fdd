package io.puppetplane.lang.eval;

import io.puppetplane.lang.ast.Ast.Loc;
import io.puppetplane.lang.types.Types;
import io.puppetplane.lang.value.RegexpValue;
import io.puppetplane.lang.value.Sensitive;
import io.puppetplane.lang.value.TimeData;
import io.puppetplane.lang.value.TypeValue;
import io.puppetplane.lang.value.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code new} function: {@code Integer('0x1f')}, {@code String(255, '%x')}, {@code Array($h)}, ... */
final class Conversions {

    // A value Integer, Float, Numeric or Boolean cannot convert is refused with the name of the function Ruby
    // Puppet dispatches to ('new' for Integer, 'new_float', 'new_numeric', 'new_boolean') before the reason.

    private Conversions() {
    }

    /** Deferred(name, arguments?): the call the agent will make. */
    private static Object deferred(Object name, List<Object> rest, Loc loc) {
        if (!(name instanceof String n) || rest.size() > 1 || (!rest.isEmpty() && !(rest.get(0) instanceof List<?>))) {
            throw new EvalError("Deferred expects a function name (String) and an optional Array of arguments", loc);
        }
        return new io.puppetplane.lang.value.DeferredValue(n,
            rest.isEmpty() ? null : new java.util.ArrayList<>((List<?>) rest.get(0)));
    }

    static Object create(List<Object> args, Loc loc) {
        if (args.size() == 1 && args.get(0) instanceof TypeValue now && now.name().equals("Timestamp")) {
            return Timestamp.now(Clock.systemDefaultZone());
        }
        if (args.size() < 2 || !(args.get(0) instanceof TypeValue written)) {
            throw new EvalError("'new' expects a type and a value", loc);
        }
        TypeValue t = written.resolved(); // an alias creates what it stands for
        Object v = args.get(1);
        if (args.size() == 2 && !t.name().equals("Init") && Types.isInstance(t, v)) {
            return v; // as Ruby's new(): a value that already is of the type is returned as it is
        }
        List<Object> rest = args.subList(2, args.size());
        Object result = switch (t.name()) {
            case "Integer" -> toInteger(v, rest, loc);
            case "Float" -> toFloat(v, loc);
            case "Numeric" -> v instanceof Long || v instanceof Double ? v : toNumeric(v, loc);
            case "String" -> toStringValue(v, rest, loc);
            case "Boolean" -> toBoolean(v, loc);
            case "Array" -> toArray(v, !rest.isEmpty() && Boolean.TRUE.equals(rest.get(0)));
            case "Hash" -> toHash(v, loc);
            case "Sensitive" -> new Sensitive(v);
            case "Deferred" -> deferred(v, rest, loc);
            case "Timestamp" -> TimeConversions.toTimestamp(v, rest, loc);
            case "Timespan" -> TimeConversions.toTimespan(v, rest, loc);
            case "Regexp" -> v instanceof RegexpValue ? v : RegexpValue.of(Values.str(v));
            case "Type" -> {
                if (v instanceof TypeValue) {
                    yield v; // Type(Array) is the type itself
                }
                throw new EvalError("Creation of new instance of type '" + t + "' is not supported", loc);
            }
            case "Optional", "NotUndef", "Variant" -> {
                if (!t.params().isEmpty() && t.params().get(0) instanceof TypeValue inner) {
                    yield create(concat(inner, args.subList(1, args.size())), loc);
                }
                yield v;
            }
            default -> throw new EvalError("Creation of new instance of type '" + t + "' is not supported", loc);
        };
        if (!t.params().isEmpty() && !Types.isInstance(t, result) && !t.name().equals("Optional")
            && !t.name().equals("Variant") && !t.name().equals("NotUndef")) {
            throw new EvalError("Converted value from " + t.name() + "() has wrong type, " + Types.mismatch(t, result),
                loc);
        }
        return result;
    }

    private static List<Object> concat(Object first, List<Object> rest) {
        List<Object> out = new ArrayList<>();
        out.add(first);
        out.addAll(rest);
        return out;
    }

    private static Object toInteger(Object v, List<Object> rest, Loc loc) {
        if (v instanceof Long) {
            return v;
        }
        if (v instanceof TimeData time) {
            return time.wholeSeconds();
        }
        if (v instanceof Double d) {
            return (long) (double) d;
        }
        if (v instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (v instanceof String s) {
            String str = s.trim().replace("_", "");
            boolean neg = str.startsWith("-");
            String body = neg || str.startsWith("+") ? str.substring(1) : str;
            Object radixArg = rest.isEmpty() ? null : rest.get(0);
            int radix = radixArg instanceof Long r ? (int) (long) r : 0;
            try {
                long value;
                if (radix == 0) {
                    if (body.matches("0[xX][0-9a-fA-F]+")) {
                        value = Long.parseLong(body.substring(2), 16);
                    } else if (body.matches("0[bB][01]+")) {
                        value = Long.parseLong(body.substring(2), 2);
                    } else if (body.matches("0[0-7]+")) {
                        value = Long.parseLong(body.substring(1), 8);
                    } else if (body.matches("\\d+")) {
                        value = Long.parseLong(body);
                    } else {
                        throw new NumberFormatException();
                    }
                } else {
                    String digits = radix == 16 ? body.replaceFirst("^0[xX]", "")
                        : radix == 2 ? body.replaceFirst("^0[bB]", "") : body;
                    value = Long.parseLong(digits, radix);
                }
                return neg ? -value : value;
            } catch (NumberFormatException e) {
                throw new EvalError("'new' The string '" + s + "' cannot be converted to Integer", loc);
            }
        }
        throw new EvalError("'new' Value of type " + Types.typeName(v) + " cannot be converted to Integer", loc);
    }

    private static Object toFloat(Object v, Loc loc) {
        if (v instanceof Double) {
            return v;
        }
        if (v instanceof TimeData time) {
            return time.toSeconds();
        }
        if (v instanceof Long n) {
            return (double) n;
        }
        if (v instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (v instanceof String s) {
            Number n = Values.parseNumber(s.trim());
            if (n != null) {
                return n.doubleValue();
            }
            throw new EvalError("'new_float' The string '" + s + "' cannot be converted to Float", loc);
        }
        throw new EvalError("'new_float' Value of type " + Types.typeName(v) + " cannot be converted to Float", loc);
    }

    private static Object toNumeric(Object v, Loc loc) {
        if (v instanceof String s) {
            Number n = Values.parseNumber(s.trim());
            if (n != null) {
                return n;
            }
            throw new EvalError("'new_numeric' The string '" + s + "' cannot be converted to Numeric", loc);
        }
        if (v instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        throw new EvalError("'new_numeric' Value of type " + Types.typeName(v)
            + " cannot be converted to Numeric", loc);
    }

    private static Object toStringValue(Object v, List<Object> rest, Loc loc) {
        if (rest.isEmpty() || !(rest.get(0) instanceof String fmt)) {
            return StringConversion.of(v);
        }
        try {
            if (v instanceof Long n) {
                if (fmt.endsWith("b")) {
                    return String.format(Locale.ROOT, fmt.replace("b", "s"), Long.toBinaryString(n));
                }
                if (fmt.endsWith("f") || fmt.endsWith("e") || fmt.endsWith("g")) {
                    return String.format(Locale.ROOT, fmt, (double) n);
                }
                if (fmt.endsWith("s") || fmt.endsWith("p")) {
                    return String.format(Locale.ROOT, fmt.replace("p", "s"), Values.str(n));
                }
                return String.format(Locale.ROOT, fmt, n);
            }
            if (v instanceof Double d) {
                if (fmt.endsWith("d") || fmt.endsWith("x") || fmt.endsWith("o")) {
                    return String.format(Locale.ROOT, fmt, (long) (double) d);
                }
                if (fmt.endsWith("s") || fmt.endsWith("p")) {
                    return String.format(Locale.ROOT, fmt.replace("p", "s"), Values.str(d));
                }
                return String.format(Locale.ROOT, fmt, d);
            }
            if (v instanceof io.puppetplane.lang.value.RegexpValue r) {
                // %s is the source, %p as code writes it
                return String.format(Locale.ROOT, fmt.replace("p", "s"), fmt.endsWith("p") ? "/" + r.source() + "/"
                    : r.source());
            }
            if (fmt.endsWith("p") && v instanceof String s) {
                return String.format(Locale.ROOT, fmt.replace("p", "s"), "'" + s + "'");
            }
            return String.format(Locale.ROOT, fmt.replace("p", "s"), Values.str(v));
        } catch (java.util.IllegalFormatException e) {
            throw new EvalError("Illegal format '" + fmt + "' for String()", loc);
        }
    }

    private static Object toBoolean(Object v, Loc loc) {
        if (v instanceof Boolean) {
            return v;
        }
        if (v instanceof Long n) {
            return n != 0;
        }
        if (v instanceof Double d) {
            return d != 0;
        }
        if (v instanceof String s) {
            switch (s.toLowerCase()) {
                case "true", "yes", "y" -> {
                    return true;
                }
                case "false", "no", "n", "" -> {
                    return false;
                }
                default -> {
                }
            }
            throw new EvalError("'new_boolean' The string '" + s + "' cannot be converted to Boolean", loc);
        }
        throw new EvalError("'new_boolean' Value of type " + Types.typeName(v)
            + " cannot be converted to Boolean", loc);
    }

    private static Object toArray(Object v, boolean wrap) {
        if (wrap && !(v instanceof List)) {
            List<Object> out = new ArrayList<>();
            out.add(v);
            return out;
        }
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        if (v instanceof Map<?, ?> m) {
            List<Object> out = new ArrayList<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                List<Object> pair = new ArrayList<>();
                pair.add(e.getKey());
                pair.add(e.getValue());
                out.add(pair);
            }
            return out;
        }
        List<Object> out = new ArrayList<>();
        out.add(v);
        return out;
    }

    private static Object toHash(Object v, Loc loc) {
        if (v instanceof Map<?, ?> m) {
            return new LinkedHashMap<>(m);
        }
        if (v instanceof List<?> l) {
            Map<Object, Object> out = new LinkedHashMap<>();
            boolean pairs = l.stream().allMatch(x -> x instanceof List<?> p && p.size() == 2);
            if (pairs && !l.isEmpty()) {
                for (Object x : l) {
                    List<?> p = (List<?>) x;
                    out.put(p.get(0), p.get(1));
                }
                return out;
            }
            if (l.size() % 2 != 0) {
                throw new EvalError("odd number of arguments for Hash", loc);
            }
            for (int i = 0; i < l.size(); i += 2) {
                out.put(l.get(i), l.get(i + 1));
            }
            return out;
        }
        throw new EvalError("Value of type " + Types.typeName(v) + " cannot be converted to Hash", loc);
    }
}
