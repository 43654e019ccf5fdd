package io.puppetplane.lang.functions;

import io.puppetplane.lang.erb.RubyValues;
import io.puppetplane.lang.spi.FunctionError;
import io.puppetplane.lang.spi.PuppetFunction;
import io.puppetplane.lang.types.Types;
import io.puppetplane.lang.value.Sensitive;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** More puppetlabs-stdlib functions (8.5), and the pure core functions get, compare and unwrap. */
final class StdlibFunctions {

    private StdlibFunctions() {
    }

    static void register(Map<String, PuppetFunction> registry) {
        registry.put("deep_merge", StdlibFunctions::deepMerge);
        registry.put("count", StdlibFunctions::count);
        registry.put("values_at", StdlibFunctions::valuesAt);
        registry.put("num2bool", StdlibFunctions::num2bool);
        registry.put("grep", StdlibFunctions::grep);
        registry.put("difference", args -> twoArrays("difference", args, (a, b) -> {
            List<Object> out = new ArrayList<>(a);
            out.removeIf(b::contains);
            return out;
        }));
        registry.put("intersection", args -> twoArrays("intersection", args, (a, b) -> {
            LinkedHashSet<Object> set = new LinkedHashSet<>(a);
            set.retainAll(new LinkedHashSet<>(b));
            return new ArrayList<>(set);
        }));
        registry.put("union", StdlibFunctions::union);
        registry.put("zip", StdlibFunctions::zip);
        registry.put("dirname", StdlibFunctions::dirname);
        registry.put("basename", StdlibFunctions::basename);
        registry.put("swapcase", StdlibFunctions::swapcase);
        registry.put("delete_at", StdlibFunctions::deleteAt);
        registry.put("delete_values", StdlibFunctions::deleteValues);
        registry.put("hash", StdlibFunctions::hash);
        registry.put("is_string", args -> isCheck("is_string", args, StdlibFunctions::isString));
        registry.put("is_integer", args -> isCheck("is_integer", args,
                v -> v instanceof Long || v instanceof String s && s.matches("^-?(?:(?:[1-9]\\d*)|0)$")));
        registry.put("is_numeric", args -> isCheck("is_numeric", args, v -> v instanceof Long || v instanceof Double
                || v instanceof String s && s.matches("^-?(?:(?:[1-9]\\d*)|0)(?:\\.\\d+)?(?:[eE]-?\\d+)?$")));
        registry.put("is_float", args -> isCheck("is_float", args, v -> v instanceof Double
                || v instanceof String s && s.equals(RubyValues.floatToS(rubyToF(s)))));
        registry.put("is_array", args -> isCheck("is_array", args, v -> v instanceof List<?>));
        registry.put("is_hash", args -> isCheck("is_hash", args, v -> v instanceof Map<?, ?>));
        registry.put("is_bool", args -> isCheck("is_bool", args, v -> v instanceof Boolean));
        registry.put("validate_re", StdlibFunctions::validateRe);
        registry.put("seeded_rand", StdlibFunctions::seededRand);
        registry.put("shell_escape", args -> {
            if (args.size() != 1) {
                throw new FunctionError("'shell_escape' expects 1 argument, got " + args.size());
            }
            return shellEscape(RubyValues.toS(args.get(0)));
        });
        registry.put("shell_join", StdlibFunctions::shellJoin);
        registry.put("dos2unix", args -> Args.of("dos2unix", args, 1, 1).string(0, "arg").replace("\r\n", "\n"));
        registry.put("unix2dos", args -> Args.of("unix2dos", args, 1, 1).string(0, "arg")
                .replace("\r\n", "\n").replace("\n", "\r\n"));
        registry.put("get", StdlibFunctions::get);
        registry.put("compare", StdlibFunctions::compare);
        registry.put("unwrap", args -> {
            Object v = Args.of("unwrap", args, 1, 1).get(0);
            return v instanceof Sensitive s ? s.value() : v;
        });
    }

    @SuppressWarnings("unchecked")
    private static Object deepMerge(List<Object> args) {
        if (args.size() < 2) {
            throw new FunctionError("deep_merge(): wrong number of arguments (" + args.size() + "; must be at least 2)");
        }
        Map<Object, Object> result = new LinkedHashMap<>();
        for (Object arg : args) {
            if ("".equals(arg)) {
                continue;
            }
            if (!(arg instanceof Map<?, ?> map)) {
                throw new FunctionError("deep_merge: unexpected argument type " + rubyClass(arg)
                        + ", only expects hash arguments");
            }
            result = merged(result, (Map<Object, Object>) map);
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> merged(Map<Object, Object> left, Map<Object, Object> right) {
        Map<Object, Object> out = new LinkedHashMap<>(left);
        right.forEach((k, v) -> {
            Object old = out.get(k);
            if (out.containsKey(k) && old instanceof Map<?, ?> o && v instanceof Map<?, ?> n) {
                out.put(k, merged((Map<Object, Object>) o, (Map<Object, Object>) n));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    private static Object count(List<Object> args) {
        if (args.size() > 2 || args.isEmpty()) {
            throw new FunctionError("count(): Wrong number of arguments given " + args.size() + " for 1 or 2.");
        }
        Object collection = args.get(0);
        List<?> items = collection instanceof List<?> l ? l
                : collection instanceof Map<?, ?> m ? new ArrayList<>(m.entrySet()) : null;
        if (items == null) {
            throw new FunctionError("count(): undefined method `count' for " + RubyValues.inspect(collection));
        }
        Object item = args.size() > 1 ? args.get(1) : null;
        if (item != null && !Boolean.FALSE.equals(item)) {
            return items.stream().filter(e -> e != null && e.equals(item)).count();
        }
        return items.stream().filter(e -> e != null && !"".equals(e)).count();
    }

    private static final Pattern INDEX_RANGE = Pattern.compile("^(\\d+)(\\.\\.\\.?|-)(\\d+)$");

    private static Object valuesAt(List<Object> args) {
        if (args.size() < 2) {
            throw new FunctionError("values_at(): Wrong number of arguments given (" + args.size() + " for 2)");
        }
        if (!(args.get(0) instanceof List<?> array)) {
            throw new FunctionError("values_at(): Requires array to work with");
        }
        List<Object> indices = new ArrayList<>();
        flattenInto(args.get(1), indices);
        if (indices.isEmpty()) {
            throw new FunctionError("values_at(): You must provide at least one positive index to collect");
        }
        List<Object> out = new ArrayList<>();
        for (Object index : indices) {
            String i = RubyValues.toS(index);
            Matcher m = INDEX_RANGE.matcher(i);
            if (m.matches()) {
                long start = Long.parseLong(m.group(1));
                long stop = Long.parseLong(m.group(3));
                if (start > stop) {
                    throw new FunctionError("values_at(): Stop index in given indices range is smaller than the start index");
                }
                if (stop > array.size() - 1) {
                    throw new FunctionError("values_at(): Stop index in given indices range exceeds array size");
                }
                long end = m.group(2).equals("...") ? stop - 1 : stop;
                for (long k = start; k <= end; k++) {
                    addIfNotNull(out, array.get((int) k));
                }
            } else {
                if (!i.matches("^\\d+$")) {
                    throw new FunctionError("values_at(): Unknown format of given index");
                }
                long k = Long.parseLong(i);
                if (k > array.size() - 1) {
                    throw new FunctionError("values_at(): Given index exceeds array size");
                }
                addIfNotNull(out, array.get((int) k));
            }
        }
        return out;
    }

    private static void addIfNotNull(List<Object> out, Object v) {
        if (v != null) {
            out.add(v);
        }
    }

    private static void flattenInto(Object v, List<Object> out) {
        if (v instanceof List<?> list) {
            list.forEach(e -> flattenInto(e, out));
        } else {
            out.add(v);
        }
    }

    private static Object num2bool(List<Object> args) {
        if (args.size() != 1) {
            throw new FunctionError("num2bool(): Wrong number of arguments given (" + args.size() + " for 1)");
        }
        Object v = args.get(0);
        double number;
        if (v instanceof Number n) {
            number = n.doubleValue();
        } else if (v instanceof String s) {
            try {
                number = Double.parseDouble(s.strip().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new FunctionError("num2bool(): '" + s + "' does not look like a number: invalid value for Float(): "
                        + RubyValues.inspect(s));
            }
        } else {
            number = 0;
        }
        return (long) number > 0;
    }

    private static Object grep(List<Object> args) {
        if (args.size() != 2) {
            throw new FunctionError("grep(): Wrong number of arguments given " + args.size() + " for 2");
        }
        if (!(args.get(0) instanceof List<?> list)) {
            throw new FunctionError("grep(): Requires an array to work with");
        }
        Pattern p = StringFunctions.rubyPattern(RubyValues.toS(args.get(1)), 0, Args.of("grep", args, 2, 2));
        List<Object> out = new ArrayList<>();
        for (Object e : list) {
            if (e instanceof String s && p.matcher(s).find()) {
                out.add(e);
            }
        }
        return out;
    }

    private interface ArrayOp {
        List<Object> apply(List<?> a, List<?> b);
    }

    private static Object twoArrays(String name, List<Object> args, ArrayOp op) {
        if (args.size() != 2) {
            throw new FunctionError(name + "(): Wrong number of arguments given (" + args.size() + " for 2)");
        }
        if (!(args.get(0) instanceof List<?> a) || !(args.get(1) instanceof List<?> b)) {
            throw new FunctionError(name.equals("intersection")
                    ? "intersection(): Requires 2 arrays, got " + rubyClass(args.get(0)) + " and " + rubyClass(args.get(1))
                    : name + "(): Requires 2 arrays");
        }
        return op.apply(a, b);
    }

    private static Object union(List<Object> args) {
        if (args.size() < 2) {
            throw new FunctionError("union(): Wrong number of arguments given (" + args.size() + " for < 2)");
        }
        LinkedHashSet<Object> set = new LinkedHashSet<>();
        for (Object a : args) {
            if (!(a instanceof List<?> list)) {
                throw new FunctionError("union(): Every parameter must be an array");
            }
            set.addAll(list);
        }
        return new ArrayList<>(set);
    }

    private static Object zip(List<Object> args) {
        if (args.size() < 2) {
            throw new FunctionError("zip(): Wrong number of arguments given (" + args.size() + " for 2)");
        }
        if (!(args.get(0) instanceof List<?> a) || !(args.get(1) instanceof List<?> b)) {
            throw new FunctionError("zip(): Requires array to work with");
        }
        boolean flatten = args.size() > 2 && args.get(2) != null && !Boolean.FALSE.equals(args.get(2))
                && Boolean.TRUE.equals(DataFunctions.lookup("str2bool").orElseThrow().call(List.of(args.get(2))));
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            List<Object> pair = new ArrayList<>(2);
            pair.add(a.get(i));
            pair.add(i < b.size() ? b.get(i) : null);
            if (flatten) {
                flattenInto(pair, out);
            } else {
                out.add(pair);
            }
        }
        return out;
    }

    private static Object dirname(List<Object> args) {
        if (args.isEmpty()) {
            throw new FunctionError("dirname(): No arguments given");
        }
        if (args.size() > 1) {
            throw new FunctionError("dirname(): Too many arguments given (" + args.size() + ")");
        }
        if (!(args.get(0) instanceof String path)) {
            throw new FunctionError("dirname(): Requires string as argument");
        }
        if (path.isEmpty()) {
            throw new FunctionError("dirname(): Requires a non-empty string as argument");
        }
        return rubyDirname(path);
    }

    /** Ruby's File.dirname: trailing and repeated slashes ignored, "." when there is no directory. */
    static String rubyDirname(String path) {
        String p = path.replaceAll("/+$", "");
        if (p.isEmpty()) {
            return "/";
        }
        int slash = p.lastIndexOf('/');
        if (slash < 0) {
            return ".";
        }
        String dir = p.substring(0, slash).replaceAll("/+$", "");
        return dir.isEmpty() ? "/" : dir;
    }

    private static Object basename(List<Object> args) {
        if (args.isEmpty()) {
            throw new FunctionError("basename(): No arguments given");
        }
        if (args.size() > 2) {
            throw new FunctionError("basename(): Too many arguments given (" + args.size() + ")");
        }
        if (!(args.get(0) instanceof String path)) {
            throw new FunctionError("basename(): Requires string as first argument");
        }
        String p = path.replaceAll("/+$", "");
        String base = p.isEmpty() ? (path.isEmpty() ? "" : "/") : p.substring(p.lastIndexOf('/') + 1);
        if (args.size() == 2) {
            if (!(args.get(1) instanceof String suffix)) {
                throw new FunctionError("basename(): Requires string as second argument");
            }
            if (suffix.equals(".*")) {
                int dot = base.lastIndexOf('.');
                return dot > 0 ? base.substring(0, dot) : base;
            }
            if (base.endsWith(suffix) && !base.equals(suffix)) {
                return base.substring(0, base.length() - suffix.length());
            }
        }
        return base;
    }

    private static Object swapcase(List<Object> args) {
        if (args.isEmpty()) {
            throw new FunctionError("swapcase(): Wrong number of arguments given (" + args.size() + " for 1)");
        }
        Object v = args.get(0);
        if (v instanceof String s) {
            return swap(s);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(e -> out.add(e instanceof String s ? swap(s) : e));
            return out;
        }
        throw new FunctionError("swapcase(): Requires either array or string to work with");
    }

    private static String swap(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(cp -> out.appendCodePoint(Character.isUpperCase(cp) ? Character.toLowerCase(cp)
                : Character.isLowerCase(cp) ? Character.toUpperCase(cp) : cp));
        return out.toString();
    }

    private static Object deleteAt(List<Object> args) {
        if (args.size() < 2) {
            throw new FunctionError("delete_at(): Wrong number of arguments given (" + args.size() + " for 2)");
        }
        if (!(args.get(0) instanceof List<?> list)) {
            throw new FunctionError("delete_at(): Requires array to work with");
        }
        Object index = args.get(1);
        if (index instanceof String s && !s.matches("^\\d+$")) {
            throw new FunctionError("delete_at(): You must provide non-negative numeric index");
        }
        long i = index instanceof Long l ? l : Long.parseLong(RubyValues.toS(index));
        if (i > list.size() - 1) {
            throw new FunctionError("delete_at(): Given index exceeds size of array given");
        }
        List<Object> out = new ArrayList<>(list);
        out.remove((int) i);
        return out;
    }

    private static Object deleteValues(List<Object> args) {
        if (args.size() != 2) {
            throw new FunctionError("delete_values(): Wrong number of arguments given (" + args.size() + " of 2)");
        }
        if (!(args.get(0) instanceof Map<?, ?> map)) {
            throw new FunctionError("delete_values(): First argument must be a Hash. Given an argument of class "
                    + rubyClass(args.get(0)) + ".");
        }
        Map<Object, Object> out = new LinkedHashMap<>(map);
        out.values().removeIf(v -> java.util.Objects.equals(v, args.get(1)));
        return out;
    }

    private static Object hash(List<Object> args) {
        if (args.isEmpty()) {
            throw new FunctionError("hash(): Wrong number of arguments given (0 for 1)");
        }
        if (!(args.get(0) instanceof List<?> list)) {
            throw new FunctionError("hash(): Requires array to work with");
        }
        List<Object> flat = new ArrayList<>();
        flattenInto(list, flat);
        if (flat.size() % 2 != 0) {
            throw new FunctionError("hash(): Unable to compute hash from array given");
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < flat.size(); i += 2) {
            out.put(flat.get(i), flat.get(i + 1));
        }
        return out;
    }

    private static Object isCheck(String name, List<Object> args, java.util.function.Predicate<Object> test) {
        if (args.size() != 1 && !(name.equals("is_string") && !args.isEmpty())) {
            throw new FunctionError(name + "(): Wrong number of arguments given " + args.size() + " for 1");
        }
        return test.test(args.get(0));
    }

    private static boolean isString(Object v) {
        if (v == null) {
            return true;
        }
        if (!(v instanceof String s)) {
            return false;
        }
        // stdlib calls numeric-looking strings "not a string".
        return !(s.equals(RubyValues.floatToS(rubyToF(s))) || s.equals(Long.toString(rubyToI(s))));
    }

    private static double rubyToF(String s) {
        Matcher m = Pattern.compile("^\\s*([+-]?\\d[\\d_]*(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)").matcher(s);
        return m.find() ? Double.parseDouble(m.group(1).replace("_", "")) : 0.0;
    }

    private static long rubyToI(String s) {
        Matcher m = Pattern.compile("^\\s*([+-]?\\d[\\d_]*)").matcher(s);
        try {
            return m.find() ? Long.parseLong(m.group(1).replace("_", "")) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Object validateRe(List<Object> args) {
        if (args.size() < 2 || args.size() > 3) {
            throw new FunctionError("validate_re(): wrong number of arguments (" + args.size() + "; must be 2 or 3)");
        }
        if (!(args.get(0) instanceof String s)) {
            throw new FunctionError("validate_re(): input needs to be a String, not a " + rubyClass(args.get(0)));
        }
        List<Object> patterns = new ArrayList<>();
        flattenInto(args.get(1), patterns);
        Args a = Args.of("validate_re", args, 2, 3);
        for (Object re : patterns) {
            if (StringFunctions.rubyPattern(RubyValues.toS(re), 0, a).matcher(s).find()) {
                return null;
            }
        }
        String message = args.size() > 2 && args.get(2) != null ? RubyValues.toS(args.get(2))
                : "validate_re(): " + RubyValues.inspect(s) + " does not match " + RubyValues.inspect(args.get(1));
        throw new FunctionError(message);
    }

    private static Object seededRand(List<Object> args) {
        Object max = args.isEmpty() ? null : args.get(0);
        boolean integer = max instanceof Long || max instanceof String s && s.matches("^-?(?:(?:[1-9]\\d*)|0)$");
        long m = integer ? Long.parseLong(RubyValues.toS(max)) : 0;
        if (!integer || m <= 0) {
            throw new FunctionError("seeded_rand(): first argument must be a positive integer");
        }
        if (args.size() < 2 || !(args.get(1) instanceof String seed)) {
            throw new FunctionError("seeded_rand(): second argument must be a string");
        }
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(seed.getBytes(StandardCharsets.UTF_8));
            return new RubyRandom(new BigInteger(HexFormat.of().formatHex(md5), 16)).nextLong(m);
        } catch (NoSuchAlgorithmException e) {
            throw new FunctionError("MD5 is not available", e);
        }
    }

    /** Ruby's Shellwords.escape. */
    static String shellEscape(String s) {
        if (s.isEmpty()) {
            return "''";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                out.append("'\n'");
            } else if (Character.isLetterOrDigit(c) && c < 128 || "_-.,:+/@".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('\\').append(c);
            }
        }
        return out.toString();
    }

    private static Object shellJoin(List<Object> args) {
        if (args.size() != 1) {
            throw new FunctionError("shell_join(): Wrong number of arguments given (" + args.size() + " for 1)");
        }
        if (!(args.get(0) instanceof List<?> list)) {
            throw new FunctionError("First argument is not an Array: " + RubyValues.inspect(args.get(0)));
        }
        List<String> parts = new ArrayList<>();
        list.forEach(e -> parts.add(shellEscape(RubyValues.toS(e))));
        return String.join(" ", parts);
    }

    /** Puppet's get(value, 'a.b.0', default): dig with a dotted path. */
    private static Object get(List<Object> args) {
        Args a = Args.of("get", args, 2, 3);
        String path = a.string(1, "dotted_string");
        Object value = a.get(0);
        if (path.isEmpty()) {
            return value;
        }
        List<Object> seen = new ArrayList<>();
        for (String segment : path.split("\\.", -1)) {
            if (value == null) {
                break;
            }
            seen.add(segment);
            if (value instanceof Map<?, ?> map) {
                value = map.get(segment);
            } else if (value instanceof List<?> list) {
                if (!segment.matches("^-?\\d+$")) {
                    throw a.fail("The given data requires an Integer index at " + RubyValues.inspect(seen)
                            + ", got 'String'");
                }
                int i = Integer.parseInt(segment);
                value = i >= 0 && i < list.size() ? list.get(i) : null;
            } else {
                throw a.fail("The given data does not contain a Collection at " + RubyValues.inspect(seen)
                        + ", got '" + Types.argumentTypeName(value) + "'");
            }
        }
        return value == null && a.has(2) ? a.get(2) : value;
    }

    /** Puppet's compare(a, b, ignore_case = true): -1, 0 or 1 for numbers, strings, versions of the same kind. */
    private static Object compare(List<Object> args) {
        Args a = Args.of("compare", args, 2, 3);
        Object x = a.get(0);
        Object y = a.get(1);
        if (x instanceof String s && y instanceof String t) {
            boolean ignoreCase = !a.has(2) || !Boolean.FALSE.equals(a.get(2));
            int c = ignoreCase ? s.compareToIgnoreCase(t) : s.compareTo(t);
            return (long) Integer.signum(c);
        }
        if (a.has(2)) {
            throw a.fail("compare(): The third argument (ignore case) can only be used when comparing strings");
        }
        if ((x instanceof Long || x instanceof Double) && (y instanceof Long || y instanceof Double)) {
            return (long) Double.compare(((Number) x).doubleValue(), ((Number) y).doubleValue());
        }
        throw a.fail("'compare' compare(): Can only compare values of the same type (or for Timestamp/Timespan also"
                + " against Numeric). Got " + Types.argumentTypeName(x) + " and " + Types.argumentTypeName(y));
    }

    private static String rubyClass(Object v) {
        if (v == null) {
            return "NilClass";
        }
        if (v instanceof Long) {
            return "Integer";
        }
        if (v instanceof Boolean b) {
            return b ? "TrueClass" : "FalseClass";
        }
        if (v instanceof List<?>) {
            return "Array";
        }
        if (v instanceof Map<?, ?>) {
            return "Hash";
        }
        return Types.argumentTypeName(v);
    }
}
