package io.puppetplane.lang.functions;

import io.puppetplane.lang.erb.RubyValues;
import io.puppetplane.lang.spi.FunctionError;
import io.puppetplane.lang.spi.PuppetFunction;
import io.puppetplane.lang.types.Types;
import io.puppetplane.lang.value.Timespan;
import io.puppetplane.lang.value.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Array and Hash functions of Puppet 7's core library and stdlib. */
final class CollectionFunctions {

    private CollectionFunctions() {
    }

    static void register(Map<String, PuppetFunction> registry) {
        registry.put("keys", args -> new ArrayList<>(Args.of("keys", args, 1, 1).hash(0, "hsh").keySet()));
        registry.put("values", args -> new ArrayList<>(Args.of("values", args, 1, 1).hash(0, "hsh").values()));
        registry.put("length", args -> length("length", args));
        registry.put("size", args -> length("size", args));
        registry.put("empty", CollectionFunctions::empty);
        registry.put("join", CollectionFunctions::join);
        registry.put("flatten", args -> {
            List<Object> out = new ArrayList<>();
            RubyValues.flattenInto(args, out);
            return out;
        });
        registry.put("unique", CollectionFunctions::unique);
        registry.put("sort", CollectionFunctions::sort);
        registry.put("reverse", CollectionFunctions::reverse);
        registry.put("concat", CollectionFunctions::concat);
        registry.put("merge", CollectionFunctions::merge);
        registry.put("member", CollectionFunctions::member);
        registry.put("has_key", CollectionFunctions::hasKey);
        registry.put("pick", args -> pick(args, false));
        registry.put("pick_default", args -> pick(args, true));
        registry.put("delete", CollectionFunctions::delete);
        registry.put("delete_undef_values", CollectionFunctions::deleteUndefValues);
        registry.put("prefix", args -> affix("prefix", args, true));
        registry.put("suffix", args -> affix("suffix", args, false));
        registry.put("any2array", CollectionFunctions::any2array);
        registry.put("join_keys_to_values", CollectionFunctions::joinKeysToValues);
        registry.put("dig", CollectionFunctions::dig);
        registry.put("range", RangeFunction::range);
    }

    private static Object length(String name, List<Object> args) {
        Args a = Args.of(name, args, 1, 1);
        Object v = a.get(0);
        if (v instanceof String s) {
            return (long) s.codePointCount(0, s.length());
        }
        if (v instanceof List<?> l) {
            return (long) l.size();
        }
        if (v instanceof Map<?, ?> m) {
            return (long) m.size();
        }
        throw a.mismatch("arg", "a value of type Collection, String, or Binary", v);
    }

    private static Object empty(List<Object> args) {
        Args a = Args.of("empty", args, 1, 1);
        Object v = a.get(0);
        if (v instanceof String s) {
            return s.isEmpty();
        }
        if (v instanceof List<?> l) {
            return l.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return m.isEmpty();
        }
        if (v instanceof Long || v instanceof Double) {
            return false;
        }
        if (v == null) {
            return true;
        }
        throw a.mismatch("coll", "a value of type Collection, String, Numeric, Binary, or Undef", v);
    }

    /** Ruby's Array#join: nested arrays are joined too, elements use Ruby's to_s. */
    private static Object join(List<Object> args) {
        Args a = Args.of("join", args, 1, 2);
        List<Object> list = a.array(0, "arg");
        String delimiter = a.has(1) ? a.string(1, "delimiter") : "";
        return RubyValues.join(list, delimiter);
    }

    private static Object unique(List<Object> args) {
        Args a = Args.of("unique", args, 1, 1);
        Object v = a.get(0);
        if (v instanceof String s) {
            StringBuilder out = new StringBuilder();
            s.codePoints().distinct().forEach(out::appendCodePoint);
            return out.toString();
        }
        if (v instanceof List<?> l) {
            return new ArrayList<>(new LinkedHashSet<>(l));
        }
        throw a.fail("'unique' of a " + Types.argumentTypeName(v) + " is not supported here (only String and Array)");
    }

    private static Object sort(List<Object> args) {
        Args a = Args.of("sort", args, 1, 1);
        Object v = a.get(0);
        if (v instanceof String s) {
            int[] cps = s.codePoints().sorted().toArray();
            return new String(cps, 0, cps.length);
        }
        List<Object> list = new ArrayList<>(a.array(0, "arg"));
        list.sort(CollectionFunctions::compare);
        return list;
    }

    /** Puppet's natural ordering for sort(): numbers with numbers, strings with strings. */
    static int compare(Object x, Object y) {
        if (x instanceof String s && y instanceof String t) {
            return s.compareTo(t);
        }
        if (x instanceof Number m && y instanceof Number n) {
            return Double.compare(m.doubleValue(), n.doubleValue());
        }
        if (x instanceof Timestamp s && y instanceof Timestamp t) {
            return s.compareTo(t);
        }
        if (x instanceof Timespan s && y instanceof Timespan t) {
            return s.compareTo(t);
        }
        if (x instanceof List<?> s && y instanceof List<?> t) {
            // element by element, then the shorter first, as Ruby compares arrays
            for (int i = 0; i < Math.min(s.size(), t.size()); i++) {
                int c = compare(s.get(i), t.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(s.size(), t.size());
        }
        throw new FunctionError("comparison of " + Types.argumentTypeName(x) + " with " + Types.argumentTypeName(y) + " failed");
    }

    private static Object reverse(List<Object> args) {
        Args a = Args.of("reverse", args, 1, 1);
        Object v = a.get(0);
        if (v instanceof String s) {
            return new StringBuilder(s).reverse().toString();
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l);
            java.util.Collections.reverse(out);
            return out;
        }
        throw a.fail("reverse(): Requires either array or string to work with");
    }

    private static Object concat(List<Object> args) {
        if (args.size() < 2) {
            throw new FunctionError("concat(): wrong number of arguments (" + args.size() + "; must be at least 2)");
        }
        if (!(args.get(0) instanceof List<?> first)) {
            throw new FunctionError("concat(): Requires array to work with");
        }
        List<Object> out = new ArrayList<>(first);
        for (Object v : args.subList(1, args.size())) {
            if (v instanceof List<?> l) {
                out.addAll(l);
            } else {
                out.add(v);
            }
        }
        return out;
    }

    private static Object merge(List<Object> args) {
        if (args.size() < 2) {
            throw new FunctionError("merge(): wrong number of arguments (" + args.size() + "; must be at least 2)");
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Object v : args) {
            if (v == null || "".equals(v)) {
                continue;
            }
            if (!(v instanceof Map<?, ?> m)) {
                throw new FunctionError("merge: unexpected argument type " + rubyClass(v)
                        + ", only expects hash arguments");
            }
            out.putAll(m);
        }
        return out;
    }

    private static String rubyClass(Object v) {
        if (v instanceof String) {
            return "String";
        }
        if (v instanceof Long) {
            return "Integer";
        }
        if (v instanceof Double) {
            return "Float";
        }
        if (v instanceof Boolean b) {
            return b ? "TrueClass" : "FalseClass";
        }
        if (v instanceof List<?>) {
            return "Array";
        }
        return Types.argumentTypeName(v);
    }

    private static Object member(List<Object> args) {
        if (args.size() != 2) {
            throw new FunctionError("member(): Wrong number of arguments given (" + args.size() + " for 2)");
        }
        if (!(args.get(0) instanceof List<?> list)) {
            throw new FunctionError("member(): Requires array to work with");
        }
        Object item = args.get(1);
        if (item instanceof List<?> items) {
            if (items.isEmpty()) {
                throw new FunctionError("member(): You must provide item to search for within array given");
            }
            return list.containsAll(items);
        }
        if (!(item instanceof String || item instanceof Long || item instanceof Double)) {
            throw new FunctionError("member(): Item to search for must be a string, fixnum, or array");
        }
        return list.contains(item);
    }

    private static Object hasKey(List<Object> args) {
        if (args.size() != 2) {
            throw new FunctionError("has_key(): wrong number of arguments (" + args.size() + "; must be 2)");
        }
        if (!(args.get(0) instanceof Map<?, ?> map)) {
            throw new FunctionError("has_key(): expects the first argument to be a hash, got "
                    + RubyValues.inspect(args.get(0)) + " which is of type " + rubyClass(args.get(0)));
        }
        return map.containsKey(args.get(1));
    }

    private static Object pick(List<Object> args, boolean withDefault) {
        if (withDefault) {
            if (args.isEmpty()) {
                throw new FunctionError("Must receive at least one argument.");
            }
            for (Object v : args) {
                if (v != null && !"".equals(v)) {
                    return v;
                }
            }
            return args.get(args.size() - 1);
        }
        for (Object v : args) {
            if (v != null && !"".equals(v)) {
                return v;
            }
        }
        throw new FunctionError("pick(): must receive at least one non empty value");
    }

    private static Object delete(List<Object> args) {
        if (args.size() != 2) {
            throw new FunctionError("delete(): Wrong number of arguments given (" + args.size() + " for 2)");
        }
        Object collection = args.get(0);
        List<?> items = args.get(1) instanceof List<?> l ? l : java.util.Collections.singletonList(args.get(1));
        if (collection instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list);
            out.removeIf(items::contains);
            return out;
        }
        if (collection instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>(map);
            items.forEach(out::remove);
            return out;
        }
        if (collection instanceof String s) {
            String out = s;
            for (Object item : items) {
                out = out.replace(RubyValues.toS(item), "");
            }
            return out;
        }
        throw new FunctionError("delete(): First argument must be an Array, String, or Hash. Given an argument of class "
                + rubyClass(collection) + ".");
    }

    private static Object deleteUndefValues(List<Object> args) {
        if (args.size() != 1) {
            throw new FunctionError("delete_undef_values(): Wrong number of arguments given (" + args.size() + ")");
        }
        Object v = args.get(0);
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list);
            out.removeIf(e -> e == null);
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>(map);
            out.values().removeIf(e -> e == null);
            return out;
        }
        throw new FunctionError("delete_undef_values(): expected an array or hash, got " + RubyValues.inspect(v)
                + " type  " + rubyClass(v) + " ");
    }

    private static Object affix(String name, List<Object> args, boolean before) {
        if (args.isEmpty() || args.size() > 2) {
            throw new FunctionError(name + "(): Wrong number of arguments given (" + args.size() + " for 1 or 2)");
        }
        Object subject = args.get(0);
        String affix = args.size() > 1 && args.get(1) != null ? null : "";
        if (args.size() > 1 && args.get(1) != null) {
            if (!(args.get(1) instanceof String s)) {
                throw new FunctionError(name + "(): expected second argument to be a String, got "
                        + RubyValues.inspect(args.get(1)));
            }
            affix = s;
        }
        String text = affix;
        if (subject instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object e : list) {
                String s = RubyValues.toS(e);
                out.add(before ? text + s : s + text);
            }
            return out;
        }
        if (subject instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String s = RubyValues.toS(k);
                out.put(before ? text + s : s + text, v);
            });
            return out;
        }
        throw new FunctionError(name + "(): expected first argument to be an Array or a Hash, got "
                + RubyValues.inspect(subject));
    }

    private static Object any2array(List<Object> args) {
        if (args.isEmpty()) {
            return new ArrayList<>();
        }
        if (args.size() == 1) {
            Object v = args.get(0);
            if (v instanceof List<?> l) {
                return l;
            }
            if (v instanceof Map<?, ?> m) {
                List<Object> out = new ArrayList<>();
                m.forEach((k, val) -> {
                    out.add(k);
                    out.add(val);
                });
                return out;
            }
        }
        return new ArrayList<>(args);
    }

    private static Object joinKeysToValues(List<Object> args) {
        if (args.size() != 2) {
            throw new FunctionError("join_keys_to_values(): Takes exactly two arguments, but " + args.size() + " given.");
        }
        if (!(args.get(0) instanceof Map<?, ?> map)) {
            throw new FunctionError("join_keys_to_values(): The first argument must be a hash, but a "
                    + rubyClass(args.get(0)) + " was given.");
        }
        if (!(args.get(1) instanceof String separator)) {
            throw new FunctionError("join_keys_to_values(): The second argument must be a string, but a "
                    + rubyClass(args.get(1)) + " was given.");
        }
        List<Object> out = new ArrayList<>();
        map.forEach((k, v) -> {
            if (v instanceof List<?> list) {
                for (Object e : list) {
                    out.add(RubyValues.toS(k) + separator + RubyValues.toS(e));
                }
            } else {
                out.add(RubyValues.toS(k) + separator + RubyValues.toS(v));
            }
        });
        return out;
    }

    private static Object dig(List<Object> args) {
        Args a = Args.of("dig", args, 1, Integer.MAX_VALUE);
        Object value = a.get(0);
        for (int i = 1; i < args.size(); i++) {
            Object key = args.get(i);
            if (value == null) {
                return null;
            }
            if (value instanceof List<?> list) {
                if (!(key instanceof Long index)) {
                    throw a.fail("The given data does not contain a Collection at [" + i + "], got '" + Types.argumentTypeName(key) + "'");
                }
                long idx = index < 0 ? list.size() + index : index;
                value = idx >= 0 && idx < list.size() ? list.get((int) idx) : null;
            } else if (value instanceof Map<?, ?> map) {
                value = map.get(key);
            } else {
                throw a.fail("The given data does not contain a Collection at " + path(args.subList(1, i))
                        + ", got '" + Types.argumentTypeName(value) + "'");
            }
        }
        return value;
    }

    private static String path(List<Object> keys) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(keys.get(i) instanceof String s ? "'" + s + "'" : RubyValues.toS(keys.get(i)));
        }
        return out.append(']').toString();
    }
}
