package io.puppetplane.lang.types;

import io.puppetplane.lang.value.Default;
import io.puppetplane.lang.value.RegexpValue;
import io.puppetplane.lang.value.ResourceRef;
import io.puppetplane.lang.value.Sensitive;
import io.puppetplane.lang.value.Timespan;
import io.puppetplane.lang.value.Timestamp;
import io.puppetplane.lang.value.TypeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Types of values and relations between types, after Ruby Puppet's type calculator: the type inferred for a value
 * (type([1]) is Tuple[Integer[1, 1]]), its generalization, a type's normal form, and whether all instances of one
 * type are instances of another.
 */
public final class TypeCalculator {

    private static final long MIN = Long.MIN_VALUE;
    private static final long MAX = Long.MAX_VALUE;

    private TypeCalculator() {
    }

    // ================================================================ inference

    /** The detailed type of a value: arrays as Tuples and hashes with string keys as Structs, per element. */
    public static TypeValue inferSet(Object v) {
        if (v instanceof List<?> l) {
            if (l.isEmpty()) {
                return sized("Array", 0, 0);
            }
            List<Object> types = new ArrayList<>(l.size());
            for (Object e : l) {
                types.add(inferSet(e));
            }
            return new TypeValue("Tuple", types);
        }
        if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                return sized("Hash", 0, 0);
            }
            if (m.keySet().stream().allMatch(k -> k instanceof String s && !s.isEmpty())) {
                Map<Object, Object> elements = new LinkedHashMap<>();
                m.forEach((k, e) -> elements.put(k, inferSet(e)));
                return new TypeValue("Struct", List.of(elements));
            }
            Set<TypeValue> keys = new LinkedHashSet<>();
            Set<TypeValue> values = new LinkedHashSet<>();
            m.forEach((k, e) -> {
                keys.add(inferSet(k));
                values.add(inferSet(e));
            });
            return new TypeValue("Hash", List.of(variantOf(keys), variantOf(values), (long) m.size(),
                (long) m.size()));
        }
        return infer(v);
    }

    /** The single type describing a value; the elements of an array or hash reduced to one common type. */
    public static TypeValue infer(Object v) {
        if (v == null) {
            return TypeValue.of("Undef");
        }
        if (v instanceof String s) {
            return new TypeValue("String", List.of(s));
        }
        if (v instanceof Long n) {
            return new TypeValue("Integer", List.of(n, n));
        }
        if (v instanceof Double d) {
            return new TypeValue("Float", List.of(d, d));
        }
        if (v instanceof Boolean b) {
            return new TypeValue("Boolean", List.of(b));
        }
        if (v instanceof RegexpValue r) {
            return new TypeValue("Regexp", List.of(r));
        }
        if (v instanceof Default) {
            return TypeValue.of("Default");
        }
        if (v instanceof Sensitive s) {
            return new TypeValue("Sensitive", List.of(infer(s.value())));
        }
        if (v instanceof Timestamp || v instanceof Timespan) {
            return new TypeValue(Types.typeName(v), List.of(v, v));
        }
        if (v instanceof TypeValue t) {
            return new TypeValue("Type", List.of(t));
        }
        if (v instanceof ResourceRef r) {
            return new TypeValue("Type", List.of(r));
        }
        if (v instanceof List<?> l) {
            if (l.isEmpty()) {
                return sized("Array", 0, 0);
            }
            List<TypeValue> types = l.stream().map(TypeCalculator::infer).toList();
            return new TypeValue("Array", List.of(common(types), (long) l.size(), (long) l.size()));
        }
        if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                return sized("Hash", 0, 0);
            }
            List<TypeValue> keys = m.keySet().stream().map(TypeCalculator::infer).toList();
            List<TypeValue> values = m.values().stream().map(TypeCalculator::infer).toList();
            return new TypeValue("Hash", List.of(common(keys), common(values), (long) m.size(), (long) m.size()));
        }
        if (v instanceof Types.Callable) {
            return TypeValue.of("Callable");
        }
        return TypeValue.of("Runtime");
    }

    private static TypeValue sized(String name, long min, long max) {
        return new TypeValue(name, List.of(min, max));
    }

    private static TypeValue variantOf(Set<TypeValue> types) {
        return types.size() == 1 ? types.iterator().next() : new TypeValue("Variant", new ArrayList<>(types));
    }

    /** A type all the given types are assignable to, as narrow as this calculator tells. */
    private static TypeValue common(List<TypeValue> types) {
        TypeValue memo = types.get(0);
        for (TypeValue t : types.subList(1, types.size())) {
            memo = common(memo, t);
        }
        return memo;
    }

    private static TypeValue common(TypeValue a, TypeValue b) {
        if (a.equals(b)) {
            return a;
        }
        if (assignable(a, b)) {
            return a;
        }
        if (assignable(b, a)) {
            return b;
        }
        String an = a.name();
        String bn = b.name();
        if (an.equals(bn) && (an.equals("Integer") || an.equals("Float"))) {
            return new TypeValue(an, List.of(minOf(a.params().get(0), b.params().get(0)),
                maxOf(a.params().get(1), b.params().get(1))));
        }
        if (an.equals("String") && bn.equals("String")) {
            return TypeValue.of("String");
        }
        if (an.equals("Boolean") && bn.equals("Boolean")) {
            return TypeValue.of("Boolean");
        }
        if (isNumeric(an) && isNumeric(bn)) {
            return TypeValue.of("Numeric");
        }
        if (an.equals(bn) && (an.equals("Array") || an.equals("Hash"))) {
            return generalize(a).equals(generalize(b)) ? generalize(a) : TypeValue.of(an);
        }
        if (an.equals("Type") && bn.equals("Type")) {
            return TypeValue.of("Type");
        }
        for (String wider : List.of("ScalarData", "Scalar", "Data", "RichData")) {
            TypeValue w = TypeValue.of(wider);
            if (assignable(w, a) && assignable(w, b)) {
                return w;
            }
        }
        return TypeValue.of("Any");
    }

    private static boolean isNumeric(String name) {
        return name.equals("Integer") || name.equals("Float") || name.equals("Numeric");
    }

    private static Object minOf(Object a, Object b) {
        return ((Number) a).doubleValue() <= ((Number) b).doubleValue() ? a : b;
    }

    private static Object maxOf(Object a, Object b) {
        return ((Number) a).doubleValue() >= ((Number) b).doubleValue() ? a : b;
    }

    // ================================================================ generalization

    /** The type without value-specific constraints: String['x'] → String, Tuple[Integer[1, 1]] → Array[Integer]. */
    public static TypeValue generalize(TypeValue t) {
        List<Object> ps = t.params();
        switch (t.name()) {
            case "String", "Integer", "Float", "Boolean", "Regexp", "Timestamp", "Timespan", "Enum", "Pattern":
                return TypeValue.of(t.name());
            case "Array": {
                TypeValue element = elementType(t);
                return element == null ? TypeValue.of("Array") : new TypeValue("Array", List.of(generalize(element)));
            }
            case "Hash":
                if (ps.size() >= 2 && ps.get(0) instanceof TypeValue k && ps.get(1) instanceof TypeValue v) {
                    return new TypeValue("Hash", List.of(generalize(k), generalize(v)));
                }
                return TypeValue.of("Hash");
            case "Tuple": {
                List<TypeValue> types = tupleTypes(t);
                if (types.isEmpty()) {
                    return TypeValue.of("Array");
                }
                return new TypeValue("Array", List.of(common(types.stream().map(TypeCalculator::generalize).toList())));
            }
            case "Struct": {
                Map<?, ?> elements = structElements(t);
                if (elements.isEmpty()) {
                    return TypeValue.of("Hash");
                }
                List<TypeValue> values = elements.values().stream().map(v -> generalize((TypeValue) v)).toList();
                return new TypeValue("Hash", List.of(TypeValue.of("String"), common(values)));
            }
            case "Optional", "NotUndef", "Sensitive", "Type":
                if (!ps.isEmpty() && ps.get(0) instanceof TypeValue inner) {
                    return new TypeValue(t.name(), List.of(generalize(inner)));
                }
                return t;
            case "Variant": {
                Set<TypeValue> types = new LinkedHashSet<>();
                for (Object p : ps) {
                    types.add(generalize((TypeValue) p));
                }
                return variantOf(types);
            }
            default:
                return t;
        }
    }

    // ================================================================ normalization

    /**
     * The normal form Ruby Puppet reports types in: Variants flattened, with Undef lifted into an Optional, enums and
     * patterns merged (appended after the other types), and an Optional of what accepts undef dropped.
     */
    public static TypeValue normalize(TypeValue t) {
        List<Object> ps = t.params();
        switch (t.name()) {
            case "Variant": {
                List<TypeValue> types = new ArrayList<>();
                for (Object p : ps) {
                    types.add(normalize((TypeValue) p));
                }
                if (types.isEmpty()) {
                    return t;
                }
                if (types.size() == 1) {
                    return types.get(0);
                }
                if (types.stream().anyMatch(x -> x.name().equals("Undef") || x.name().equals("Optional"))) {
                    List<TypeValue> rest = new ArrayList<>();
                    for (TypeValue x : types) {
                        if (x.name().equals("Optional") && !x.params().isEmpty()) {
                            rest.add((TypeValue) x.params().get(0));
                        } else if (!x.name().equals("Undef") && !x.name().equals("Optional")) {
                            rest.add(x);
                        }
                    }
                    TypeValue inner = maybeVariant(rest);
                    return normalize(inner == null ? TypeValue.of("Optional")
                        : new TypeValue("Optional", List.of(inner)));
                }
                types = flatten(types);
                types = mergeEnums(types);
                types = mergePatterns(types);
                return types.size() == 1 ? types.get(0) : new TypeValue("Variant", new ArrayList<>(types));
            }
            case "Optional": {
                if (ps.isEmpty() || !(ps.get(0) instanceof TypeValue inner)) {
                    return t;
                }
                TypeValue n = normalize(inner);
                if (n.name().equals("NotUndef")) {
                    return normalize(n.params().isEmpty() ? TypeValue.of("Optional")
                        : new TypeValue("Optional", List.of(n.params().get(0))));
                }
                if (Types.isInstance(n, null)) {
                    return n;
                }
                return new TypeValue("Optional", List.of(n));
            }
            default:
                return t;
        }
    }

    private static TypeValue maybeVariant(List<TypeValue> types) {
        List<TypeValue> flat = new ArrayList<>(new LinkedHashSet<>(flatten(types)));
        if (flat.isEmpty()) {
            return null;
        }
        return flat.size() == 1 ? flat.get(0) : new TypeValue("Variant", new ArrayList<>(flat));
    }

    private static List<TypeValue> flatten(List<TypeValue> types) {
        List<TypeValue> out = new ArrayList<>();
        for (TypeValue t : types) {
            if (t.name().equals("Variant")) {
                t.params().forEach(p -> out.add((TypeValue) p));
            } else {
                out.add(t);
            }
        }
        return out;
    }

    private static List<TypeValue> mergeEnums(List<TypeValue> types) {
        List<TypeValue> enums = new ArrayList<>();
        List<TypeValue> others = new ArrayList<>();
        for (TypeValue t : types) {
            boolean plainEnum = t.name().equals("Enum") && !t.params().isEmpty()
                && t.params().stream().allMatch(p -> p instanceof String);
            boolean valueString = t.name().equals("String") && t.params().size() == 1 && t.params().get(0) instanceof String;
            (plainEnum || valueString ? enums : others).add(t);
        }
        if (enums.size() < 2) {
            return types;
        }
        Set<Object> values = new LinkedHashSet<>();
        enums.forEach(e -> values.addAll(e.params()));
        others.add(new TypeValue("Enum", new ArrayList<>(values)));
        return others;
    }

    private static List<TypeValue> mergePatterns(List<TypeValue> types) {
        List<TypeValue> patterns = new ArrayList<>();
        List<TypeValue> others = new ArrayList<>();
        for (TypeValue t : types) {
            (t.name().equals("Pattern") ? patterns : others).add(t);
        }
        if (patterns.size() < 2) {
            return types;
        }
        Set<Object> all = new LinkedHashSet<>();
        patterns.forEach(p -> all.addAll(p.params()));
        others.add(new TypeValue("Pattern", new ArrayList<>(all)));
        return others;
    }

    // ================================================================ assignability

    /** Whether every instance of {@code a} is an instance of {@code e}. */
    public static boolean assignable(TypeValue e, TypeValue a) {
        return assignable(e, a, 0);
    }

    private static boolean assignable(TypeValue e, TypeValue a, int depth) {
        if (depth > 50) {
            return true; // a self-recursive alias met itself
        }
        if (e.isAlias()) {
            return assignable(e.resolved(), a, depth + 1);
        }
        if (a.isAlias()) {
            return assignable(e, a.resolved(), depth + 1);
        }
        if (e.name().equals("Any") || a.name().equals("Unit")) {
            return true;
        }
        if (a.name().equals("Variant") && !e.name().equals("Variant")) {
            return !a.params().isEmpty() && a.params().stream().allMatch(p -> assignable(e, (TypeValue) p, depth + 1));
        }
        List<Object> ps = e.params();
        String an = a.name();
        switch (e.name()) {
            case "Undef":
                return an.equals("Undef");
            case "Default":
                return an.equals("Default");
            case "NotUndef":
                return !assignable(TypeValue.of("Undef"), a, depth + 1)
                    && (ps.isEmpty() || assignable(paramType(ps.get(0)), a, depth + 1));
            case "Optional":
                if (an.equals("Undef")) {
                    return true;
                }
                if (an.equals("Optional")) {
                    return ps.isEmpty() || (!a.params().isEmpty() && assignable(paramType(ps.get(0)),
                        (TypeValue) a.params().get(0), depth + 1));
                }
                return ps.isEmpty() || assignable(paramType(ps.get(0)), a, depth + 1);
            case "Variant":
                if (an.equals("Variant")) {
                    return ps.isEmpty() || (!a.params().isEmpty()
                        && a.params().stream().allMatch(p -> variantAccepts(ps, (TypeValue) p, depth)));
                }
                return variantAccepts(ps, a, depth);
            case "Scalar":
                return Set.of("Scalar", "ScalarData", "String", "Integer", "Float", "Numeric", "Boolean", "Regexp",
                    "Enum", "Pattern", "Timestamp", "Timespan", "SemVer").contains(an);
            case "ScalarData":
                return Set.of("ScalarData", "String", "Integer", "Float", "Numeric", "Boolean", "Enum", "Pattern")
                    .contains(an);
            case "Data":
            case "RichData":
                return dataAssignable(e.name().equals("RichData"), a, depth);
            case "String":
                return stringAssignable(e, a);
            case "Integer":
            case "Float":
                return an.equals(e.name()) && rangeWithin(e, a);
            case "Numeric":
                return (an.equals("Integer") || an.equals("Float") || an.equals("Numeric")) && rangeWithin(e, a);
            case "Boolean":
                return an.equals("Boolean") && (ps.isEmpty() || ps.equals(a.params()));
            case "Regexp":
                return an.equals("Regexp") && (ps.isEmpty() || ps.equals(a.params()));
            case "Enum":
                return enumAssignable(e, a);
            case "Pattern":
                return patternAssignable(e, a);
            case "Array":
                return arrayAssignable(e, a, depth);
            case "Hash":
                return hashAssignable(e, a, depth);
            case "Tuple":
                return tupleAssignable(e, a, depth);
            case "Struct":
                return structAssignable(e, a, depth);
            case "Collection":
                return (an.equals("Array") || an.equals("Hash") || an.equals("Tuple") || an.equals("Struct")
                    || an.equals("Collection")) && sizeWithin(e, 0, sizeRange(a));
            case "Iterable":
                return Set.of("Array", "Hash", "Tuple", "Struct", "Collection", "String", "Enum", "Pattern",
                    "Iterable", "Iterator").contains(an) || (an.equals("Type") && !a.params().isEmpty())
                    || (an.equals("Integer") && !a.params().isEmpty());
            case "Type":
                if (!an.equals("Type")) {
                    return false;
                }
                if (ps.isEmpty()) {
                    return true;
                }
                return !a.params().isEmpty() && typeParamAssignable(paramType(ps.get(0)), a.params().get(0), depth);
            case "Resource":
                return resourceAssignable(e, a);
            case "Class":
                return an.equals("Class") && (ps.isEmpty() || ps.equals(a.params()));
            case "CatalogEntry":
                return an.equals("Resource") || an.equals("Class") || an.equals("CatalogEntry");
            case "Sensitive":
                return an.equals("Sensitive") && (ps.isEmpty() || (!a.params().isEmpty()
                    && assignable(paramType(ps.get(0)), (TypeValue) a.params().get(0), depth + 1)));
            case "Timestamp":
            case "Timespan":
                return an.equals(e.name()) && (ps.isEmpty() || ps.equals(a.params()));
            default:
                return e.equals(a);
        }
    }

    private static boolean variantAccepts(List<Object> types, TypeValue a, int depth) {
        for (Object p : types) {
            if (assignable(paramType(p), a, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Type[X] of a resource reference: File['a'] is a File and a Resource. */
    private static boolean typeParamAssignable(TypeValue e, Object a, int depth) {
        if (a instanceof ResourceRef r) {
            return Types.isInstance(new TypeValue("Type", List.of(e)), r);
        }
        return a instanceof TypeValue at && assignable(e, at, depth + 1);
    }

    private static boolean resourceAssignable(TypeValue e, TypeValue a) {
        if (!a.name().equals("Resource")) {
            return false;
        }
        if (e.params().isEmpty()) {
            return true;
        }
        return !a.params().isEmpty() && String.valueOf(e.params().get(0)).equalsIgnoreCase(String.valueOf(a.params().get(0)))
            && (e.params().size() < 2 || (a.params().size() >= 2 && e.params().get(1).equals(a.params().get(1))));
    }

    private static boolean dataAssignable(boolean rich, TypeValue a, int depth) {
        TypeValue self = TypeValue.of(rich ? "RichData" : "Data");
        switch (a.name()) {
            case "Undef", "String", "Integer", "Float", "Numeric", "Boolean", "Enum", "Pattern", "ScalarData", "Data":
                return true;
            case "Optional":
                return a.params().isEmpty() || assignable(self, (TypeValue) a.params().get(0), depth + 1);
            case "Array": {
                TypeValue element = elementType(a);
                return element == null || assignable(self, element, depth + 1);
            }
            case "Tuple":
                return tupleTypes(a).stream().allMatch(t -> assignable(self, t, depth + 1));
            case "Hash": {
                if (a.params().size() >= 2 && a.params().get(0) instanceof TypeValue k
                    && a.params().get(1) instanceof TypeValue v) {
                    return (rich || assignable(TypeValue.of("String"), k, depth + 1)) && assignable(self, v, depth + 1);
                }
                return sizeRange(a)[1] == 0;
            }
            case "Struct":
                return structElements(a).values().stream().allMatch(v -> assignable(self, (TypeValue) v, depth + 1));
            default:
                return rich && Set.of("Default", "Regexp", "Scalar", "RichData", "Type", "Resource", "Class",
                    "Sensitive", "Timestamp", "Timespan", "SemVer", "SemVerRange", "Binary", "Object").contains(a.name());
        }
    }

    private static boolean stringAssignable(TypeValue e, TypeValue a) {
        List<Object> ps = e.params();
        if (!ps.isEmpty() && ps.get(0) instanceof String exact) {
            return a.name().equals("String") && a.params().size() == 1 && exact.equals(a.params().get(0));
        }
        long[] size = {bound(ps, 0, 0), bound(ps, 1, MAX)};
        switch (a.name()) {
            case "String": {
                if (a.params().size() == 1 && a.params().get(0) instanceof String s) {
                    long len = s.codePointCount(0, s.length());
                    return len >= size[0] && len <= size[1];
                }
                return bound(a.params(), 0, 0) >= size[0] && bound(a.params(), 1, MAX) <= size[1];
            }
            case "Enum": {
                List<String> values = enumValues(a);
                if (values.isEmpty()) {
                    return size[0] == 0 && size[1] == MAX;
                }
                return values.stream().allMatch(v -> v.length() >= size[0] && v.length() <= size[1]);
            }
            case "Pattern":
                return size[0] == 0 && size[1] == MAX;
            default:
                return false;
        }
    }

    private static boolean enumAssignable(TypeValue e, TypeValue a) {
        List<String> values = enumValues(e);
        boolean ci = e.params().size() > 0 && e.params().get(e.params().size() - 1) instanceof Boolean b && b;
        if (values.isEmpty()) {
            return a.name().equals("String") || a.name().equals("Enum") || a.name().equals("Pattern");
        }
        List<String> actual;
        if (a.name().equals("String") && a.params().size() == 1 && a.params().get(0) instanceof String s) {
            actual = List.of(s);
        } else if (a.name().equals("Enum")) {
            actual = enumValues(a);
            if (actual.isEmpty()) {
                return false;
            }
        } else {
            return false;
        }
        return actual.stream().allMatch(s -> values.stream().anyMatch(v -> ci ? v.equalsIgnoreCase(s) : v.equals(s)));
    }

    private static boolean patternAssignable(TypeValue e, TypeValue a) {
        List<Object> patterns = e.params();
        List<String> values;
        if (a.name().equals("String")) {
            values = a.params().size() == 1 && a.params().get(0) instanceof String s ? List.of(s) : List.of();
        } else if (a.name().equals("Enum")) {
            values = enumValues(a);
        } else if (a.name().equals("Pattern")) {
            return patterns.isEmpty() || e.equals(a);
        } else {
            return false;
        }
        if (values.isEmpty()) {
            return patterns.isEmpty();
        }
        return patterns.isEmpty() || values.stream().allMatch(s -> Types.isInstance(e, s));
    }

    private static boolean arrayAssignable(TypeValue e, TypeValue a, int depth) {
        TypeValue element = elementType(e);
        long[] range = sizeRange(a);
        switch (a.name()) {
            case "Array": {
                if (!sizeWithin(e, element == null ? 0 : 1, range)) {
                    return false;
                }
                TypeValue actual = elementType(a);
                if (range[1] == 0) {
                    return true; // an empty array's elements are of every type
                }
                return element == null || (actual != null ? assignable(element, actual, depth + 1)
                    : element.name().equals("Any"));
            }
            case "Tuple":
                return sizeWithin(e, element == null ? 0 : 1, range)
                    && (element == null || tupleTypes(a).stream().allMatch(t -> assignable(element, t, depth + 1)));
            default:
                return false;
        }
    }

    private static boolean hashAssignable(TypeValue e, TypeValue a, int depth) {
        List<Object> ps = e.params();
        boolean typed = ps.size() >= 2 && ps.get(0) instanceof TypeValue && ps.get(1) instanceof TypeValue;
        TypeValue k = typed ? (TypeValue) ps.get(0) : null;
        TypeValue v = typed ? (TypeValue) ps.get(1) : null;
        int off = typed ? 2 : 0;
        long[] range = sizeRange(a);
        switch (a.name()) {
            case "Hash": {
                if (!sizeWithin(e, off, range)) {
                    return false;
                }
                if (range[1] == 0 || !typed) {
                    return true;
                }
                List<Object> aps = a.params();
                return aps.size() >= 2 && aps.get(0) instanceof TypeValue ak && aps.get(1) instanceof TypeValue av
                    && assignable(k, ak, depth + 1) && assignable(v, av, depth + 1);
            }
            case "Struct": {
                Map<?, ?> elements = structElements(a);
                if (!sizeWithin(e, off, new long[] {elements.size(), elements.size()})) {
                    return false;
                }
                if (!typed) {
                    return true;
                }
                for (Map.Entry<?, ?> el : elements.entrySet()) {
                    if (!assignable(k, new TypeValue("String", List.of(Types.structKey(el.getKey()))), depth + 1)
                        || !assignable(v, (TypeValue) el.getValue(), depth + 1)) {
                        return false;
                    }
                }
                return true;
            }
            default:
                return false;
        }
    }

    private static boolean tupleAssignable(TypeValue e, TypeValue a, int depth) {
        List<TypeValue> types = tupleTypes(e);
        long[] expected = tupleRange(e);
        if (a.name().equals("Tuple")) {
            List<TypeValue> actual = tupleTypes(a);
            long[] range = tupleRange(a);
            if (range[0] < expected[0] || range[1] > expected[1]) {
                return false;
            }
            if (types.isEmpty()) {
                return true;
            }
            for (int i = 0; i < actual.size(); i++) {
                if (!assignable(types.get(Math.min(i, types.size() - 1)), actual.get(i), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (a.name().equals("Array")) {
            long[] range = sizeRange(a);
            if (range[0] < expected[0] || range[1] > expected[1]) {
                return false;
            }
            TypeValue element = elementType(a);
            if (range[1] == 0 || types.isEmpty()) {
                return true;
            }
            return element != null && types.stream().allMatch(t -> assignable(t, element, depth + 1));
        }
        return false;
    }

    private static boolean structAssignable(TypeValue e, TypeValue a, int depth) {
        Map<?, ?> elements = structElements(e);
        if (a.name().equals("Struct")) {
            Map<?, ?> actual = structElements(a);
            Map<String, TypeValue> byName = new LinkedHashMap<>();
            actual.forEach((k, v) -> byName.put(Types.structKey(k), (TypeValue) v));
            int matched = 0;
            for (Map.Entry<?, ?> el : elements.entrySet()) {
                TypeValue other = byName.get(Types.structKey(el.getKey()));
                if (other == null) {
                    if (!Types.isOptionalKey(el.getKey(), (TypeValue) el.getValue())) {
                        return false;
                    }
                } else {
                    matched++;
                    if (!assignable((TypeValue) el.getValue(), other, depth + 1)) {
                        return false;
                    }
                }
            }
            return matched == byName.size();
        }
        if (a.name().equals("Hash")) {
            return sizeRange(a)[1] == 0 && elements.entrySet().stream()
                .allMatch(el -> Types.isOptionalKey(el.getKey(), (TypeValue) el.getValue()));
        }
        return false;
    }

    // ================================================================ parameters of types

    static TypeValue paramType(Object p) {
        return p instanceof TypeValue t ? t : new TypeValue("String", List.of(String.valueOf(p)));
    }

    /** The element type of an Array type, or null when it has none. */
    static TypeValue elementType(TypeValue t) {
        return !t.params().isEmpty() && t.params().get(0) instanceof TypeValue e ? e : null;
    }

    static List<TypeValue> tupleTypes(TypeValue t) {
        List<TypeValue> types = new ArrayList<>();
        for (Object p : t.params()) {
            if (p instanceof TypeValue tv) {
                types.add(tv);
            }
        }
        return types;
    }

    /** The sizes a Tuple type allows: its types' count unless given. */
    static long[] tupleRange(TypeValue t) {
        List<TypeValue> types = tupleTypes(t);
        List<Object> sizes = t.params().subList(types.size(), t.params().size());
        if (sizes.isEmpty()) {
            return new long[] {types.size(), types.size()};
        }
        long min = sizes.get(0) instanceof Long n ? n : 0;
        long max = sizes.size() > 1 && sizes.get(1) instanceof Long n ? n : MAX;
        return new long[] {min, max};
    }

    static Map<?, ?> structElements(TypeValue t) {
        return t.params().isEmpty() ? Map.of() : (Map<?, ?>) t.params().get(0);
    }

    static List<String> enumValues(TypeValue t) {
        List<String> values = new ArrayList<>();
        for (Object p : t.params()) {
            if (p instanceof String s) {
                values.add(s);
            }
        }
        return values;
    }

    /** The sizes an Array, Hash, Tuple or Struct type allows. */
    static long[] sizeRange(TypeValue t) {
        switch (t.name()) {
            case "Tuple":
                return tupleRange(t);
            case "Struct": {
                Map<?, ?> elements = structElements(t);
                long required = elements.entrySet().stream()
                    .filter(el -> !Types.isOptionalKey(el.getKey(), (TypeValue) el.getValue())).count();
                return new long[] {required, elements.size()};
            }
            case "Array":
                return rangeAt(t, elementType(t) == null ? 0 : 1);
            case "Hash":
                return rangeAt(t, t.params().size() >= 2 && t.params().get(0) instanceof TypeValue ? 2 : 0);
            default:
                return rangeAt(t, 0);
        }
    }

    private static long[] rangeAt(TypeValue t, int offset) {
        return new long[] {bound(t.params(), offset, 0), bound(t.params(), offset + 1, MAX)};
    }

    private static boolean sizeWithin(TypeValue e, int offset, long[] actual) {
        long[] expected = rangeAt(e, offset);
        return actual[0] >= expected[0] && actual[1] <= expected[1];
    }

    private static long bound(List<Object> ps, int i, long dflt) {
        return i < ps.size() && ps.get(i) instanceof Long n ? n : dflt;
    }

    private static boolean rangeWithin(TypeValue e, TypeValue a) {
        double eFrom = number(e.params(), 0, Double.NEGATIVE_INFINITY);
        double eTo = number(e.params(), 1, Double.POSITIVE_INFINITY);
        return number(a.params(), 0, Double.NEGATIVE_INFINITY) >= eFrom
            && number(a.params(), 1, Double.POSITIVE_INFINITY) <= eTo;
    }

    private static double number(List<Object> ps, int i, double dflt) {
        if (i < ps.size() && ps.get(i) instanceof Long n) {
            return n == MIN ? Double.NEGATIVE_INFINITY : n == MAX ? Double.POSITIVE_INFINITY : n;
        }
        return i < ps.size() && ps.get(i) instanceof Double d ? d : dflt;
    }
}
