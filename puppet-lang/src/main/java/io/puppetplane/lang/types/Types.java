package io.puppetplane.lang.types;

import io.puppetplane.lang.time.TimespanFormat;
import io.puppetplane.lang.time.TimestampParser;
import io.puppetplane.lang.value.Default;
import io.puppetplane.lang.value.RegexpValue;
import io.puppetplane.lang.value.ResourceRef;
import io.puppetplane.lang.value.Sensitive;
import io.puppetplane.lang.value.Timespan;
import io.puppetplane.lang.value.Timestamp;
import io.puppetplane.lang.value.TypeValue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Puppet's data types: instance checks and mismatch descriptions worded like Ruby Puppet's. */
public final class Types {

    /** Names of the data types this compiler knows (anything else capitalised is a resource type). */
    public static final Set<String> DATA_TYPES = Set.of("Any", "Undef", "Default", "String", "Integer", "Float",
        "Numeric", "Boolean", "Array", "Hash", "Regexp", "Pattern", "Enum", "Optional", "Variant", "NotUndef",
        "Struct", "Tuple", "Scalar", "ScalarData", "Data", "RichData", "Callable", "Type", "Resource", "Class",
        "Sensitive", "Iterable", "Iterator", "Collection", "Runtime", "SemVer", "SemVerRange", "Timespan",
        "Timestamp", "Binary", "Object", "CatalogEntry", "Error", "Init", "Deferred");

    private static final Map<String, String> DATA_TYPES_BY_LOWER_NAME = new java.util.HashMap<>();

    static {
        DATA_TYPES.forEach(n -> DATA_TYPES_BY_LOWER_NAME.put(n.toLowerCase(java.util.Locale.ROOT), n));
    }

    private Types() {
    }

    /** The data type a name denotes, as Ruby Puppet finds them whatever their case (INTEGER is Integer); or null. */
    public static String dataType(String name) {
        return DATA_TYPES_BY_LOWER_NAME.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * A parameterized type as Ruby Puppet creates it: Timestamp and Timespan bounds written as strings are parsed
     * (so they print, compare and check as time values), and a {@code NotUndef[key]} key of a Struct is the key.
     * Other types keep their parameters.
     *
     * @throws IllegalArgumentException if a time bound string does not parse
     */
    public static TypeValue parameterized(String name, List<Object> params) {
        switch (name) {
            case "Timestamp":
                return new TypeValue(name, params.stream().map(p -> p instanceof String s
                    ? TimestampParser.parse(s, null, false, null, Clock.systemDefaultZone()) : p).toList());
            case "Timespan":
                return new TypeValue(name, params.stream().map(p -> p instanceof String s
                    ? TimespanFormat.parseAny(s, TimespanFormat.DEFAULT_FORMATS) : p).toList());
            case "Struct":
                if (params.size() == 1 && params.get(0) instanceof Map<?, ?> m) {
                    Map<Object, Object> keys = new LinkedHashMap<>();
                    m.forEach((k, v) -> keys.put(k instanceof TypeValue kt && kt.name().equals("NotUndef")
                        && kt.params().size() == 1 && kt.params().get(0) instanceof String s ? s : k, v));
                    return new TypeValue(name, List.of(keys));
                }
                return new TypeValue(name, params);
            default:
                return new TypeValue(name, params);
        }
    }

    /** The name of a value's type as Ruby Puppet prints it after "got". */
    public static String typeName(Object v) {
        if (v == null) {
            return "Undef";
        }
        if (v instanceof String) {
            return "String";
        }
        if (v instanceof Long || v instanceof Integer) {
            return "Integer";
        }
        if (v instanceof Double) {
            return "Float";
        }
        if (v instanceof Boolean) {
            return "Boolean";
        }
        if (v instanceof List) {
            return "Array";
        }
        if (v instanceof Map) {
            return "Hash";
        }
        if (v instanceof RegexpValue) {
            return "Regexp";
        }
        if (v instanceof Default) {
            return "Default";
        }
        if (v instanceof Sensitive) {
            return "Sensitive";
        }
        if (v instanceof ResourceRef r) {
            return r.type().equals("Class") ? "Class" : "Resource";
        }
        if (v instanceof TypeValue) {
            return "Type";
        }
        if (v instanceof Timestamp) {
            return "Timestamp";
        }
        if (v instanceof Timespan) {
            return "Timespan";
        }
        return "Runtime";
    }

    /**
     * The type name Ruby Puppet's function argument errors use ("got Tuple"): like {@link #typeName} but a
     * non-empty literal Array or Hash is inferred as a Tuple or a Struct.
     */
    public static String argumentTypeName(Object v) {
        if (v instanceof List<?> list && !list.isEmpty()) {
            return "Tuple";
        }
        if (v instanceof Map<?, ?> map && !map.isEmpty()) {
            return "Struct";
        }
        return typeName(v);
    }

    private static Object param(TypeValue t, int i) {
        return i < t.params().size() ? t.params().get(i) : null;
    }

    private static long bound(Object o, long dflt) {
        return o instanceof Long n ? n : dflt;
    }

    public static boolean isInstance(TypeValue type, Object v) {
        TypeValue t = type.resolved();
        if (t.isAlias()) {
            return false; // an alias that is only itself
        }
        List<Object> ps = t.params();
        switch (t.name()) {
            case "Any":
                return true;
            case "Undef":
                return v == null;
            case "Default":
                return v == Default.DEFAULT;
            case "String": {
                if (!(v instanceof String s)) {
                    return false;
                }
                if (!ps.isEmpty() && ps.get(0) instanceof String exact) {
                    return s.equals(exact);
                }
                long len = s.codePointCount(0, s.length());
                return len >= bound(param(t, 0), 0) && len <= bound(param(t, 1), Long.MAX_VALUE);
            }
            case "Integer":
                return v instanceof Long n && n >= bound(param(t, 0), Long.MIN_VALUE)
                    && n <= bound(param(t, 1), Long.MAX_VALUE);
            case "Float":
                return v instanceof Double d && (!(param(t, 0) instanceof Number lo) || d >= lo.doubleValue())
                    && (!(param(t, 1) instanceof Number hi) || d <= hi.doubleValue());
            case "Numeric":
                return v instanceof Long || v instanceof Double;
            case "Boolean":
                return v instanceof Boolean;
            case "Regexp":
                return v instanceof RegexpValue;
            case "Scalar":
                return v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean
                    || v instanceof RegexpValue || v instanceof Timestamp || v instanceof Timespan;
            case "ScalarData":
                return v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean;
            case "Data":
                return isData(v, false);
            case "RichData":
                return isData(v, true);
            case "Array": {
                if (!(v instanceof List<?> l)) {
                    return false;
                }
                int off = 0;
                if (!ps.isEmpty() && ps.get(0) instanceof TypeValue et) {
                    off = 1;
                    for (Object e : l) {
                        if (!isInstance(et, e)) {
                            return false;
                        }
                    }
                }
                return l.size() >= bound(param(t, off), 0) && l.size() <= bound(param(t, off + 1), Long.MAX_VALUE);
            }
            case "Hash": {
                if (!(v instanceof Map<?, ?> m)) {
                    return false;
                }
                int off = 0;
                if (ps.size() >= 2 && ps.get(0) instanceof TypeValue kt && ps.get(1) instanceof TypeValue vt) {
                    off = 2;
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        if (!isInstance(kt, e.getKey()) || !isInstance(vt, e.getValue())) {
                            return false;
                        }
                    }
                }
                return m.size() >= bound(param(t, off), 0) && m.size() <= bound(param(t, off + 1), Long.MAX_VALUE);
            }
            case "Collection":
                return v instanceof List || v instanceof Map;
            case "Iterable":
                return v instanceof List || v instanceof Map || v instanceof String || (v instanceof Long n && n >= 0)
                    || v instanceof TypeValue;
            case "Optional":
                return v == null || ps.isEmpty() || matchesParam(ps.get(0), v);
            case "NotUndef":
                return v != null && (ps.isEmpty() || matchesParam(ps.get(0), v));
            case "Variant":
                for (Object p : ps) {
                    if (p instanceof TypeValue pt && isInstance(pt, v)) {
                        return true;
                    }
                }
                return false;
            case "Enum": {
                if (!(v instanceof String s)) {
                    return false;
                }
                boolean ci = !ps.isEmpty() && ps.get(ps.size() - 1) instanceof Boolean b && b;
                for (Object p : ps) {
                    if (p instanceof String e && (ci ? e.equalsIgnoreCase(s) : e.equals(s))) {
                        return true;
                    }
                }
                return false;
            }
            case "Pattern": {
                if (!(v instanceof String s)) {
                    return false;
                }
                if (ps.isEmpty()) {
                    return true;
                }
                for (Object p : ps) {
                    RegexpValue re = p instanceof RegexpValue r ? r : RegexpValue.of(String.valueOf(p));
                    if (re.pattern().matcher(s).find()) {
                        return true;
                    }
                }
                return false;
            }
            case "Tuple": {
                if (!(v instanceof List<?> l)) {
                    return false;
                }
                List<TypeValue> types = new ArrayList<>();
                List<Long> sizes = new ArrayList<>();
                for (Object p : ps) {
                    if (p instanceof TypeValue tv) {
                        types.add(tv);
                    } else {
                        sizes.add(p instanceof Long n ? n : null);
                    }
                }
                long min = sizes.isEmpty() ? types.size() : (sizes.get(0) == null ? 0 : sizes.get(0));
                long max = sizes.size() < 2 ? (sizes.isEmpty() ? types.size() : Long.MAX_VALUE)
                    : (sizes.get(1) == null ? Long.MAX_VALUE : sizes.get(1));
                if (l.size() < min || l.size() > max) {
                    return false;
                }
                for (int i = 0; i < l.size(); i++) {
                    TypeValue et = types.isEmpty() ? TypeValue.of("Any") : types.get(Math.min(i, types.size() - 1));
                    if (!isInstance(et, l.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            case "Struct": {
                if (!(v instanceof Map<?, ?> m)) {
                    return false;
                }
                Map<?, ?> schema = ps.isEmpty() ? Map.of() : (Map<?, ?>) ps.get(0);
                int matched = 0;
                for (Map.Entry<?, ?> e : schema.entrySet()) {
                    String key = structKey(e.getKey());
                    boolean optional = isOptionalKey(e.getKey(), (TypeValue) e.getValue());
                    if (m.containsKey(key)) {
                        matched++;
                        if (!isInstance((TypeValue) e.getValue(), m.get(key))) {
                            return false;
                        }
                    } else if (!optional) {
                        return false;
                    }
                }
                return matched == m.size();
            }
            case "Type":
                if (v instanceof ResourceRef r) {
                    return ps.isEmpty() || !(ps.get(0) instanceof TypeValue inner) || isReferenceOf(inner.resolved(), r);
                }
                return v instanceof TypeValue tv && (ps.isEmpty() || !(ps.get(0) instanceof TypeValue inner)
                    || TypeCalculator.assignable(inner, tv));
            case "Sensitive":
                return v instanceof Sensitive s && (ps.isEmpty() || matchesParam(ps.get(0), s.value()));
            case "Resource":
            case "Class":
            case "CatalogEntry":
                // a reference (File['x'], Class['x']) is a type, of Type[Resource]; no value is a catalog entry
                return false;
            case "Callable":
                return v instanceof Callable;
            case "Timestamp":
                return v instanceof Timestamp ts && TimeBounds.within(t, ts);
            case "Timespan":
                return v instanceof Timespan span && TimeBounds.within(t, span);
            default:
                return false;
        }
    }

    /** Whether a reference (File['x'], Class['x']) is one of a resource or class type. */
    private static boolean isReferenceOf(TypeValue t, ResourceRef r) {
        List<Object> ps = t.params();
        boolean isClass = r.type().equals("Class");
        return switch (t.name()) {
            case "Any", "CatalogEntry" -> true;
            case "Resource" -> !isClass && (ps.isEmpty() || (String.valueOf(ps.get(0)).equalsIgnoreCase(r.type())
                && (ps.size() < 2 || String.valueOf(ps.get(1)).equals(r.title()))));
            case "Class" -> isClass && (ps.isEmpty() || String.valueOf(ps.get(0)).equalsIgnoreCase(r.title()));
            case "Optional", "NotUndef" -> ps.isEmpty() || !(ps.get(0) instanceof TypeValue inner)
                || isReferenceOf(inner.resolved(), r);
            case "Variant" -> ps.stream().anyMatch(p -> p instanceof TypeValue pt && isReferenceOf(pt.resolved(), r));
            default -> false;
        };
    }

    /** Marker for values that can be called (lambdas), so Callable type checks work. */
    public interface Callable {
    }

    private static boolean matchesParam(Object p, Object v) {
        if (p instanceof TypeValue tv) {
            return isInstance(tv, v);
        }
        return p.equals(v);
    }

    public static String structKey(Object k) {
        if (k instanceof TypeValue tv && !tv.params().isEmpty()) {
            return String.valueOf(tv.params().get(0));
        }
        return String.valueOf(k);
    }

    /** Whether a Struct may lack a key: one written Optional['k'], or a plain key whose type accepts undef. */
    static boolean isOptionalKey(Object k, TypeValue valueType) {
        if (k instanceof TypeValue tv) {
            return tv.name().equals("Optional");
        }
        return isInstance(valueType, null);
    }

    private static boolean isData(Object v, boolean rich) {
        if (v == null || v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean) {
            return true;
        }
        if (rich && (v instanceof RegexpValue || v instanceof Default || v instanceof TypeValue
            || v instanceof ResourceRef || v instanceof Sensitive || v instanceof Timestamp || v instanceof Timespan)) {
            return true;
        }
        if (v instanceof List<?> l) {
            for (Object e : l) {
                if (!isData(e, rich)) {
                    return false;
                }
            }
            return true;
        }
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if ((!rich && !(e.getKey() instanceof String)) || !isData(e.getValue(), rich)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Why {@code v} is not a {@code t}, worded like Ruby Puppet: "expects an Integer value, got String",
     * "index 0 expects a String value, got Integer", "expects a match for Enum['a', 'b'], got 'c'"; several
     * mismatches each on a line of their own.
     */
    public static String mismatch(TypeValue t, Object v) {
        List<TypeMismatchDescriber.Mismatch> found = TypeMismatchDescriber.describeValue(t, v, List.of());
        return found.size() == 1 ? found.get(0).format().strip() : TypeMismatchDescriber.join(found);
    }
}
