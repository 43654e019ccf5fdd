package io.puppetplane.lang.types;

import static io.puppetplane.lang.types.TypeCalculator.assignable;
import static io.puppetplane.lang.types.TypeCalculator.elementType;
import static io.puppetplane.lang.types.TypeCalculator.generalize;
import static io.puppetplane.lang.types.TypeCalculator.normalize;
import static io.puppetplane.lang.types.TypeCalculator.sizeRange;
import static io.puppetplane.lang.types.TypeCalculator.structElements;
import static io.puppetplane.lang.types.TypeCalculator.tupleRange;
import static io.puppetplane.lang.types.TypeCalculator.tupleTypes;

import io.puppetplane.lang.value.ResourceRef;
import io.puppetplane.lang.value.TypeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Why a value is not of a type, in Ruby Puppet's words (after its TypeMismatchDescriber): every mismatch with its
 * path ("parameter 'ports' index 1 expects an Integer value, got String"), variants' mismatches merged, aliases
 * printed with their type.
 */
public final class TypeMismatchDescriber {

    private TypeMismatchDescriber() {
    }

    /** One step of the path to a mismatch. */
    public record PathElement(String kind, Object key) {

        static PathElement parameter(String name) {
            return new PathElement("parameter", name);
        }

        boolean isVariant() {
            return kind.equals("variant");
        }

        @Override
        public String toString() {
            return switch (kind) {
                case "parameter" -> "parameter '" + key + "'";
                case "index" -> "index " + key;
                case "entry" -> "entry '" + key + "'";
                case "key" -> "key of entry '" + key + "'";
                case "variant" -> "variant " + key;
                default -> String.valueOf(key);
            };
        }
    }

    /** A mismatch: its kind, where, and what was expected and found. */
    public record Mismatch(String kind, List<PathElement> path, TypeValue expected, TypeValue actual, String key,
                           long[] expectedSize, long[] actualSize) {

        List<PathElement> canonicalPath() {
            return path.stream().filter(p -> !p.isVariant()).toList();
        }

        Mismatch withPath(List<PathElement> newPath) {
            return new Mismatch(kind, newPath, expected, actual, key, expectedSize, actualSize);
        }

        /** The message, starting with a space when there is a path: " parameter 'x' expects ...". */
        public String format() {
            String position = path.isEmpty() ? "" : " " + String.join(" ", path.stream().map(Object::toString).toList());
            return switch (kind) {
                case "missing_key" -> position + " expects a value for key '" + key + "'";
                case "missing_parameter" -> position + " expects a value for parameter '" + key + "'";
                case "extraneous_key" -> position + " unrecognized key '" + key + "'";
                case "invalid_parameter" -> position + " has no parameter named '" + key + "'";
                case "size" -> position + " expects size to be " + rangeString(expectedSize) + ", got "
                    + rangeString(actualSize);
                case "pattern" -> patternMessage(position);
                default -> typeMessage(position);
            };
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Mismatch m && kind.equals(m.kind) && canonicalPath().equals(m.canonicalPath())
                && Objects.equals(expected, m.expected) && Objects.equals(actual, m.actual) && Objects.equals(key, m.key)
                && java.util.Arrays.equals(expectedSize, m.expectedSize);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, canonicalPath(), key);
        }

        private String patternMessage(String position) {
            TypeValue e = expected;
            String undefOr = "";
            if (e.name().equals("Optional") && !e.params().isEmpty()) {
                e = (TypeValue) e.params().get(0);
                undefOr = "an undef value or ";
            }
            return position + " expects " + undefOr + "a match for " + e.toExpandedString() + ", got " + actualString();
        }

        private String actualString() {
            if (actual.name().equals("String") && actual.params().size() == 1 && actual.params().get(0) instanceof String s) {
                return "'" + s + "'";
            }
            return shortName(actual);
        }

        private String typeMessage(String position) {
            TypeValue e = expected;
            boolean optional = false;
            if (e.name().equals("Optional") && !e.params().isEmpty()) {
                e = (TypeValue) e.params().get(0);
                optional = true;
            }
            String expectedText;
            String actualText;
            boolean multi = false;
            if (e.name().equals("Variant")) {
                List<TypeValue> types = e.params().stream().map(p -> (TypeValue) p).toList();
                List<String> names = new ArrayList<>();
                if (reportDetailed(types, actual)) {
                    actualText = detailedActual(types, actual);
                    types.forEach(t -> names.add(t.toExpandedString()));
                } else {
                    Set<String> unique = new LinkedHashSet<>();
                    types.forEach(t -> unique.add(shortName(t)));
                    names.addAll(unique);
                    actualText = shortName(actual);
                }
                if (optional) {
                    names.add(0, "Undef");
                }
                multi = names.size() > 1;
                expectedText = joinOr(names);
            } else {
                if (reportDetailed(List.of(e), actual)) {
                    actualText = detailedActual(List.of(e), actual);
                    expectedText = e.toExpandedString();
                } else {
                    expectedText = shortName(e);
                    actualText = shortName(actual);
                }
                if (optional) {
                    expectedText = "Undef or " + expectedText;
                    multi = true;
                }
            }
            if (multi) {
                return position + " expects a value of type " + expectedText + ", got " + actualText;
            }
            return position + " expects " + article(expectedText) + expectedText + " value, got " + actualText;
        }
    }

    // ================================================================ entry points

    /**
     * Ruby Puppet's check of a class's or define's parameters: names not declared, required ones missing, values
     * not of their type, in that order.
     *
     * @param declared parameter name → type (null: Any), in declaration order
     * @param required the names without a default
     * @param given the names given a value (even undef) → value
     */
    public static List<Mismatch> describeParameters(Map<String, TypeValue> declared, Set<String> required,
                                                    Map<String, Object> given, Set<String> accepted) {
        List<Mismatch> result = new ArrayList<>();
        for (String name : given.keySet()) {
            if (!declared.containsKey(name) && !accepted.contains(name)) {
                result.add(new Mismatch("invalid_parameter", List.of(), null, null, name, null, null));
            }
        }
        for (Map.Entry<String, TypeValue> d : declared.entrySet()) {
            String name = d.getKey();
            TypeValue type = d.getValue();
            if (given.containsKey(name)) {
                Object value = given.get(name);
                if (type != null && !Types.isInstance(type, value)) {
                    result.addAll(describe(type, TypeCalculator.inferSet(value),
                        List.of(PathElement.parameter(name))));
                }
            } else if (required.contains(name)) {
                result.add(new Mismatch("missing_parameter", List.of(), null, null, name, null, null));
            }
        }
        return result;
    }

    /** The mismatches of a value not of a type, each with the path given first. */
    public static List<Mismatch> describeValue(TypeValue expected, Object value, List<PathElement> path) {
        List<Mismatch> found = describe(expected, TypeCalculator.inferSet(value), path);
        if (found.isEmpty()) {
            found = List.of(new Mismatch("type", path, normalize(expected), TypeCalculator.inferSet(value), null, null,
                null));
        }
        return found;
    }

    /** Ruby Puppet's joined form of several mismatches: each on its own line. */
    public static String join(List<Mismatch> mismatches) {
        if (mismatches.size() == 1) {
            return mismatches.get(0).format();
        }
        return "\n " + String.join("\n ", mismatches.stream().map(Mismatch::format).toList());
    }

    // ================================================================ describing

    static List<Mismatch> describe(TypeValue expected, TypeValue actual, List<PathElement> path) {
        return internalDescribe(normalizeAliasTarget(expected), expected, actual, path);
    }

    private static TypeValue normalizeAliasTarget(TypeValue t) {
        return t.isAlias() ? t : normalize(t);
    }

    private static List<Mismatch> internalDescribe(TypeValue expected, TypeValue original, TypeValue actual,
                                                   List<PathElement> path) {
        if (expected.isAlias()) {
            return internalDescribe(normalize(expected.resolved()), expected, actual, path);
        }
        return switch (expected.name()) {
            case "Variant" -> describeVariant(expected, original, actual, path);
            case "Struct" -> describeStruct(expected, original, actual, path);
            case "Hash" -> describeHash(expected, original, actual, path);
            case "Tuple" -> describeTuple(expected, original, actual, path);
            case "Array" -> describeArray(expected, original, actual, path);
            case "Optional" -> describeOptional(expected, original, actual, path);
            case "Pattern", "Enum" -> List.of(mismatch("pattern", path, original, actual));
            default -> assignable(expected, actual) ? List.of() : List.of(mismatch("type", path, original, actual));
        };
    }

    private static Mismatch mismatch(String kind, List<PathElement> path, TypeValue expected, TypeValue actual) {
        return new Mismatch(kind, path, expected.isAlias() ? expected : normalize(expected), actual, null, null, null);
    }

    private static List<PathElement> plus(List<PathElement> path, PathElement e) {
        List<PathElement> out = new ArrayList<>(path);
        out.add(e);
        return out;
    }

    private static List<Mismatch> describeOptional(TypeValue expected, TypeValue original, TypeValue actual,
                                                   List<PathElement> path) {
        if (actual.name().equals("Undef") || expected.params().isEmpty()) {
            return List.of();
        }
        return internalDescribe((TypeValue) expected.params().get(0), original.isAlias() ? original : expected, actual,
            path);
    }

    private static List<Mismatch> describeVariant(TypeValue expected, TypeValue original, TypeValue actual,
                                                  List<PathElement> path) {
        List<TypeValue> types = new ArrayList<>();
        if (original.name().equals("Optional")) {
            types.add(TypeValue.of("Undef"));
        }
        expected.params().forEach(p -> types.add((TypeValue) p));
        List<List<Mismatch>> variants = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            List<Mismatch> d = describe(types.get(i), actual, plus(path, new PathElement("variant", i)));
            if (d.isEmpty()) {
                return List.of();
            }
            variants.add(d);
        }
        List<Mismatch> descriptions = mergeDescriptions(path.size(), variants);
        if (original.isAlias() && descriptions.size() == 1) {
            // every variant of the alias failed: reported as a mismatch on the alias
            return List.of(new Mismatch("type", path, original, actual, null, null, null));
        }
        return descriptions;
    }

    private static List<Mismatch> mergeDescriptions(int variantPosition, List<List<Mismatch>> variants) {
        List<Mismatch> all = new ArrayList<>();
        variants.forEach(all::addAll);
        List<Mismatch> descriptions = all;
        for (String kind : List.of("size", "type")) {
            List<Mismatch> ofKind = all.stream().filter(m -> kind.equals("type")
                ? m.kind().equals("type") || m.kind().equals("pattern") : m.kind().equals(kind)).toList();
            if (ofKind.size() != variants.size()) {
                continue;
            }
            Mismatch generic = ofKind.get(0);
            boolean samePath = true;
            for (Mismatch m : ofKind.subList(1, ofKind.size())) {
                if (!generic.canonicalPath().equals(m.canonicalPath())) {
                    samePath = false;
                    break;
                }
                generic = merge(generic, m);
            }
            if (samePath) {
                descriptions = List.of(generic);
                break;
            }
        }
        List<Mismatch> unique = new ArrayList<>(new LinkedHashSet<>(descriptions));
        if (unique.size() == 1) {
            return List.of(chopPath(unique.get(0), variantPosition));
        }
        return unique;
    }

    /** Two mismatches at one path as one: sizes widened, expected types joined in a Variant. */
    private static Mismatch merge(Mismatch a, Mismatch b) {
        if (a.kind().equals("size")) {
            long[] range = {Math.min(a.expectedSize()[0], b.expectedSize()[0]),
                Math.max(a.expectedSize()[1], b.expectedSize()[1])};
            return new Mismatch("size", a.path(), null, null, null, range, a.actualSize());
        }
        Set<TypeValue> expected = new LinkedHashSet<>();
        for (Mismatch m : List.of(a, b)) {
            if (m.expected().name().equals("Variant") && !m.expected().isAlias()) {
                m.expected().params().forEach(p -> expected.add((TypeValue) p));
            } else {
                expected.add(m.expected());
            }
        }
        TypeValue joined = expected.size() == 1 ? expected.iterator().next()
            : normalize(new TypeValue("Variant", new ArrayList<>(expected)));
        // a type mismatch merged with a pattern mismatch reports as a type mismatch (Ruby keeps the first's class)
        return new Mismatch(a.kind(), a.path(), joined, a.actual(), null, null, null);
    }

    private static Mismatch chopPath(Mismatch m, int index) {
        if (index >= m.path().size()) {
            return m;
        }
        List<PathElement> chopped = new ArrayList<>(m.path());
        chopped.remove(index);
        return m.withPath(chopped);
    }

    private static List<Mismatch> describeArray(TypeValue expected, TypeValue original, TypeValue actual,
                                                List<PathElement> path) {
        TypeValue element = elementType(expected) == null ? TypeValue.of("Any") : elementType(expected);
        long[] expectedSize = sizeRange(expected);
        if (actual.name().equals("Tuple")) {
            long[] actualSize = tupleRange(actual);
            if (!within(expectedSize, actualSize)) {
                return List.of(size(path, expectedSize, actualSize));
            }
            List<Mismatch> out = new ArrayList<>();
            List<TypeValue> types = tupleTypes(actual);
            for (int i = 0; i < types.size(); i++) {
                if (!assignable(element, types.get(i))) {
                    out.addAll(describe(element, types.get(i), plus(path, new PathElement("index", i))));
                }
            }
            return out;
        }
        if (actual.name().equals("Array")) {
            long[] actualSize = sizeRange(actual);
            if (within(expectedSize, actualSize)) {
                return List.of(mismatch("type", path, original, actual));
            }
            return List.of(size(path, expectedSize, actualSize));
        }
        return List.of(mismatch("type", path, original, actual));
    }

    private static List<Mismatch> describeHash(TypeValue expected, TypeValue original, TypeValue actual,
                                               List<PathElement> path) {
        List<Object> ps = expected.params();
        boolean typed = ps.size() >= 2 && ps.get(0) instanceof TypeValue;
        TypeValue keyType = typed ? (TypeValue) ps.get(0) : TypeValue.of("Any");
        TypeValue valueType = typed ? (TypeValue) ps.get(1) : TypeValue.of("Any");
        long[] expectedSize = sizeRange(expected);
        if (actual.name().equals("Struct")) {
            Map<?, ?> elements = structElements(actual);
            long[] actualSize = {elements.size(), elements.size()};
            if (!within(expectedSize, actualSize)) {
                return List.of(size(path, expectedSize, actualSize));
            }
            List<Mismatch> out = new ArrayList<>();
            for (Map.Entry<?, ?> e : elements.entrySet()) {
                String name = Types.structKey(e.getKey());
                TypeValue k = new TypeValue("String", List.of(name));
                if (!assignable(keyType, k)) {
                    out.addAll(describe(keyType, k, plus(path, new PathElement("key", name))));
                }
                TypeValue v = (TypeValue) e.getValue();
                if (!assignable(valueType, v)) {
                    out.addAll(describe(valueType, v, plus(path, new PathElement("entry", name))));
                }
            }
            return out;
        }
        if (actual.name().equals("Hash")) {
            long[] actualSize = sizeRange(actual);
            if (within(expectedSize, actualSize)) {
                return List.of(mismatch("type", path, original, actual));
            }
            return List.of(size(path, expectedSize, actualSize));
        }
        return List.of(mismatch("type", path, original, actual));
    }

    private static List<Mismatch> describeStruct(TypeValue expected, TypeValue original, TypeValue actual,
                                                 List<PathElement> path) {
        Map<?, ?> elements = structElements(expected);
        if (actual.name().equals("Struct")) {
            Map<String, TypeValue> remaining = new LinkedHashMap<>();
            structElements(actual).forEach((k, v) -> remaining.put(Types.structKey(k), (TypeValue) v));
            List<Mismatch> out = new ArrayList<>();
            for (Map.Entry<?, ?> e : elements.entrySet()) {
                String key = Types.structKey(e.getKey());
                TypeValue valueType = (TypeValue) e.getValue();
                TypeValue other = remaining.remove(key);
                if (other == null) {
                    if (!Types.isOptionalKey(e.getKey(), valueType)) {
                        out.add(new Mismatch("missing_key", path, null, null, key, null, null));
                    }
                } else if (!assignable(valueType, other)) {
                    out.addAll(describe(valueType, other, plus(path, new PathElement("entry", key))));
                }
            }
            remaining.keySet().forEach(k -> out.add(new Mismatch("extraneous_key", path, null, null, k, null, null)));
            return out;
        }
        if (actual.name().equals("Hash")) {
            long[] actualSize = sizeRange(actual);
            long required = elements.entrySet().stream()
                .filter(e -> !Types.isOptionalKey(e.getKey(), (TypeValue) e.getValue())).count();
            long[] expectedSize = {required, elements.size()};
            if (within(expectedSize, actualSize)) {
                return List.of(mismatch("type", path, original, actual));
            }
            return List.of(size(path, expectedSize, actualSize));
        }
        return List.of(mismatch("type", path, original, actual));
    }

    private static List<Mismatch> describeTuple(TypeValue expected, TypeValue original, TypeValue actual,
                                                List<PathElement> path) {
        List<TypeValue> types = tupleTypes(expected);
        if (expected.equals(actual) || (types.isEmpty() && actual.name().equals("Array"))) {
            return List.of();
        }
        long[] expectedSize = tupleRange(expected);
        if (actual.name().equals("Tuple")) {
            long[] actualSize = tupleRange(actual);
            if (!within(expectedSize, actualSize)) {
                return List.of(size(path, expectedSize, actualSize));
            }
            List<Mismatch> out = new ArrayList<>();
            if (!types.isEmpty()) {
                List<TypeValue> actualTypes = tupleTypes(actual);
                for (int i = 0; i < actualTypes.size(); i++) {
                    int at = Math.min(i, types.size() - 1);
                    out.addAll(describe(types.get(at), actualTypes.get(i), plus(path, new PathElement("index", at))));
                }
            }
            return out;
        }
        if (actual.name().equals("Array")) {
            TypeValue element = elementType(actual);
            long[] actualSize = sizeRange(actual);
            if (element == null) {
                return List.of(mismatch("type", path, original, actual));
            }
            if (!within(expectedSize, actualSize)) {
                return List.of(size(path, expectedSize, actualSize));
            }
            List<Mismatch> out = new ArrayList<>();
            for (int i = 0; i < types.size(); i++) {
                out.addAll(describe(types.get(i), element, plus(path, new PathElement("index", i))));
            }
            return out;
        }
        return List.of(mismatch("type", path, original, actual));
    }

    private static Mismatch size(List<PathElement> path, long[] expected, long[] actual) {
        return new Mismatch("size", path, null, null, null, expected, actual);
    }

    private static boolean within(long[] expected, long[] actual) {
        return actual[0] >= expected[0] && actual[1] <= expected[1];
    }

    // ================================================================ wording

    private static String rangeString(long[] range) {
        long min = range[0];
        long max = range[1];
        if (min == max) {
            return String.valueOf(min);
        }
        if (min == 0) {
            return max == Long.MAX_VALUE ? "unlimited" : "at most " + max;
        }
        if (max == Long.MAX_VALUE) {
            return "at least " + min;
        }
        return "between " + min + " and " + max;
    }

    /** The name of a type for "expects a ... value": Optional, NotUndef, Sensitive and Type with their type's. */
    static String shortName(TypeValue t) {
        if (t.isAlias()) {
            return t.name();
        }
        if (Set.of("Optional", "NotUndef", "Sensitive", "Type").contains(t.name()) && !t.params().isEmpty()) {
            Object inner = t.params().get(0);
            if (inner instanceof ResourceRef r) {
                return t.name() + "[" + (r.type().equals("Class") ? "Class" : "Resource") + "]";
            }
            if (inner instanceof TypeValue it && !it.name().equals("Any")) {
                return t.name() + "[" + it.name() + "]";
            }
        }
        return t.name();
    }

    private static boolean reportDetailed(List<TypeValue> expected, TypeValue actual) {
        return alwaysFullyDetailed(expected, actual) || assignableToDefault(expected, actual);
    }

    private static boolean alwaysFullyDetailed(List<TypeValue> expected, TypeValue actual) {
        for (TypeValue e : expected) {
            if (e.name().equals(actual.name()) || e.isAlias() || actual.isAlias()
                || (e.name().equals("Struct") && actual.name().equals("Hash"))
                || (e.name().equals("Tuple") && actual.name().equals("Array"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean assignableToDefault(List<TypeValue> expected, TypeValue actual) {
        for (TypeValue e : expected) {
            TypeValue r = e.resolved();
            if (assignable(TypeValue.of(r.name()), actual)) {
                return true;
            }
        }
        return false;
    }

    private static String detailedActual(List<TypeValue> expected, TypeValue actual) {
        List<TypeValue> resolved = expected.stream().map(TypeValue::resolved).toList();
        if (alwaysFullyDetailed(resolved, actual)) {
            return actual.toExpandedString();
        }
        TypeValue general = generalize(actual);
        for (TypeValue e : resolved) {
            if (assignable(e, general)) {
                return actual.toExpandedString();
            }
        }
        return actual.name();
    }

    private static String joinOr(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        if (names.size() == 2) {
            return names.get(0) + " or " + names.get(1);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + ", or " + names.get(names.size() - 1);
    }

    private static String article(String name) {
        return !name.isEmpty() && "AEIOUaeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ";
    }
}
