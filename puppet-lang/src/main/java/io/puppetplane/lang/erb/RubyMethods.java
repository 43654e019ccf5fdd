package io.puppetplane.lang.erb;

import io.puppetplane.lang.erb.Node.Block;
import io.puppetplane.lang.erb.Node.RubyRegexp;
import io.puppetplane.lang.erb.RubyValues.RubySymbol;
import io.puppetplane.lang.functions.RubyText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Ruby core methods that templates use, over the puppet-lang value model. */
final class RubyMethods {

    /** A class constant such as {@code String}, for is_a? and friends. */
    record RubyClass(String name) {
    }

    /** An integer range ({@code 1..3}) or a string range. */
    record RubyRange(Object from, Object to, boolean exclusive) {
    }

    private RubyMethods() {
    }

    // ---- functions called without a receiver ------------------------------------------------------------

    static Object callFunction(String name, List<Object> args, Block block, Context ctx, int line) {
        switch (name) {
            case "__range", "__xrange" -> {
                return new RubyRange(args.get(0), args.get(1), name.equals("__xrange"));
            }
            case "Array" -> {
                arity(name, args, 1, ctx, line);
                Object v = args.get(0);
                if (v == null) {
                    return new ArrayList<>();
                }
                if (v instanceof List<?>) {
                    return v;
                }
                if (v instanceof Map<?, ?> m) {
                    return pairs(m);
                }
                if (v instanceof RubyRange r) {
                    return rangeToList(r, ctx, line);
                }
                List<Object> out = new ArrayList<>();
                out.add(v);
                return out;
            }
            case "String" -> {
                arity(name, args, 1, ctx, line);
                return RubyValues.toS(args.get(0));
            }
            case "Integer" -> {
                arity(name, args, 1, ctx, line);
                return toIntegerStrict(args.get(0), ctx, line);
            }
            case "Float" -> {
                arity(name, args, 1, ctx, line);
                Object v = args.get(0);
                if (v instanceof Number n) {
                    return n.doubleValue();
                }
                if (v instanceof String s) {
                    try {
                        return Double.parseDouble(s.strip().replace("_", ""));
                    } catch (NumberFormatException e) {
                        throw ctx.error(line, "invalid value for Float(): " + RubyValues.inspect(s));
                    }
                }
                throw ctx.error(line, "can't convert " + className(v) + " into Float");
            }
            case "has_variable?" -> {
                arity(name, args, 1, ctx, line);
                return ctx.scope.isDefined(RubyValues.toS(args.get(0)));
            }
            case "format", "sprintf" -> {
                if (args.isEmpty()) {
                    throw ctx.error(line, "too few arguments");
                }
                return sprintf(RubyValues.toS(args.get(0)), args.subList(1, args.size()), ctx, line);
            }
            case "instance_variables" -> {
                // every variable the template can see, as @name symbols (Ruby Puppet copies them into the template)
                arity(name, args, 0, ctx, line);
                List<Object> names = new java.util.ArrayList<>();
                for (String v : ctx.scope.variableNames()) {
                    if (ctx.scope.lookupVariable(v) != null) { // undef ones are not instance variables
                        names.add(new RubyValues.RubySymbol("@" + v));
                    }
                }
                return names;
            }
            default -> throw ctx.unsupported(line, "method '" + name + "' called without receiver"
                    + " (or undefined local variable '" + name + "')");
        }
    }

    // ---- methods ------------------------------------------------------------------------------------------

    static Object call(Object self, String name, List<Object> args, Block block, Context ctx, int line) {
        ctx.step(line);
        if (self == Context.SCOPE) {
            return scopeMethod(name, args, ctx, line);
        }
        Object common = commonMethod(self, name, args, ctx, line);
        if (common != NO_METHOD) {
            return common;
        }
        Object result;
        if (self instanceof String s) {
            result = stringMethod(s, name, args, block, ctx, line);
        } else if (self instanceof Long || self instanceof Double) {
            result = numberMethod((Number) self, name, args, block, ctx, line);
        } else if (self instanceof List<?> list) {
            result = arrayMethod(list, name, args, block, ctx, line);
        } else if (self instanceof Map<?, ?> map) {
            result = hashMethod(map, name, args, block, ctx, line);
        } else if (self instanceof RubyRange range) {
            result = NO_METHOD;
            if (!Set.of("include?", "member?", "cover?").contains(name)) {
                result = arrayMethod(rangeToList(range, ctx, line), name, args, block, ctx, line);
            }
        } else if (self instanceof RubySymbol sym) {
            result = switch (name) {
                case "to_sym" -> sym;
                case "upcase", "downcase", "capitalize", "length", "size" ->
                        symbolOrValue(stringMethod(sym.name(), name, args, block, ctx, line));
                default -> NO_METHOD;
            };
        } else if (self instanceof RubyRegexp regexp) {
            result = switch (name) {
                case "match" -> matchData(regexp.pattern(), RubyValues.toS(args.get(0)));
                case "source" -> regexp.source();
                default -> NO_METHOD;
            };
        } else {
            result = NO_METHOD;
        }
        if (result == NO_METHOD) {
            if (self == null || self instanceof Boolean) {
                throw ctx.error(line, "undefined method `" + name + "' for " + (self == null ? "nil:NilClass"
                        : self + ":" + className(self)));
            }
            throw ctx.unsupported(line, "method '" + name + "' on " + className(self));
        }
        return result;
    }

    private static Object symbolOrValue(Object v) {
        return v instanceof String s ? new RubySymbol(s) : v;
    }

    private static final Object NO_METHOD = new Object();

    /** Ruby Puppet's built-in variables and match groups, which exist whether set or not. */
    private static boolean alwaysDefined(String variable) {
        String local = variable.startsWith("::") ? variable.substring(2) : variable;
        return local.equals("module_name") || local.equals("caller_module_name") || local.matches("\\d+");
    }

    private static Object scopeMethod(String name, List<Object> args, Context ctx, int line) {
        switch (name) {
            case "[]", "lookupvar" -> {
                arity("scope." + name, args, 1, ctx, line);
                String variable = RubyValues.toS(args.get(0));
                if (ctx.scope.strictVariables() && !ctx.scope.isDefined(variable) && !alwaysDefined(variable)) {
                    // Puppet 8's Scope#lookupvar (strict = error) raises where Puppet 7 answered nil
                    throw ctx.error(line, "Undefined variable '" + variable + "'; ");
                }
                return ctx.variable(line, variable);
            }
            case "include?", "exist?" -> {
                arity("scope." + name, args, 1, ctx, line);
                return ctx.scope.isDefined(RubyValues.toS(args.get(0)));
            }
            case "call_function" -> {
                // scope.call_function('name', args): any Puppet function, as in Ruby Puppet's templates
                if (args.size() != 2) {
                    throw ctx.error(line, "wrong number of arguments (given " + args.size() + ", expected 2)");
                }
                return callFunction(ctx, line, RubyValues.toS(args.get(0)), puppetValues(splat(args.get(1))));
            }
            default -> {
                if (name.startsWith("function_")) {
                    // scope.function_NAME([args]): the 3.x way templates call functions (template, join, ...)
                    if (args.size() != 1 || !(args.get(0) instanceof List<?> list)) {
                        throw ctx.error(line, "scope." + name + " takes its arguments as one Array");
                    }
                    return callFunction(ctx, line, name.substring("function_".length()), puppetValues(list));
                }
                throw ctx.unsupported(line, "scope." + name);
            }
        }
    }

    private static Object callFunction(Context ctx, int line, String function, List<Object> args) {
        try {
            return ctx.scope.callFunction(function, args);
        } catch (UnsupportedOperationException e) {
            throw ctx.unsupported(line, "scope.function_" + function + " (this template's scope cannot call Puppet functions)");
        }
    }

        /** Template values as Puppet values: symbols become strings. */
    /** The arguments Ruby's splat makes of V: an Array's elements, a Hash's [key, value] pairs, none for nil. */
    private static List<?> splat(Object v) {
        if (v instanceof List<?> list) {
            return list;
        }
        if (v instanceof Map<?, ?> map) {
            List<Object> pairs = new ArrayList<>(map.size());
            map.forEach((key, value) -> pairs.add(java.util.Arrays.asList(key, value)));
            return pairs;
        }
        return v == null ? List.of() : Collections.singletonList(v);
    }

    private static List<Object> puppetValues(List<?> values) {
        List<Object> out = new java.util.ArrayList<>(values.size());
        for (Object v : values) {
            out.add(v instanceof RubyValues.RubySymbol sym ? sym.name() : v);
        }
        return out;
    }

    /** Methods every object has. */
    private static Object commonMethod(Object self, String name, List<Object> args, Context ctx, int line) {
        switch (name) {
            case "nil?":
                return self == null;
            case "to_s":
                if (args.isEmpty()) {
                    return RubyValues.toS(self);
                }
                return NO_METHOD;
            case "inspect":
                return RubyValues.inspect(self);
            case "==":
                return rubyEquals(self, args.get(0));
            case "!":
                return !Node.truthy(self);
            case "is_a?", "kind_of?", "instance_of?":
                arity(name, args, 1, ctx, line);
                if (!(args.get(0) instanceof RubyClass c)) {
                    throw ctx.error(line, "class or module required");
                }
                return isA(self, c.name(), name.equals("instance_of?"));
            case "respond_to?":
                arity(name, args, 1, ctx, line);
                return respondsTo(self, RubyValues.toS(args.get(0)));
            case "class":
                return new RubyClass(className(self));
            case "=~":
                if (self instanceof String s && args.get(0) instanceof RubyRegexp r) {
                    return matchIndex(r.pattern(), s);
                }
                if (self instanceof RubyRegexp r && args.get(0) instanceof String s) {
                    return matchIndex(r.pattern(), s);
                }
                if (self instanceof RubyRegexp && args.get(0) == null) {
                    return null;
                }
                if (self == null) {
                    return null;
                }
                return NO_METHOD;
            case "===":
                return caseEquals(self, args.get(0), ctx, line);
            case "to_a":
                if (self == null) {
                    return new ArrayList<>();
                }
                return NO_METHOD;
            case "to_i":
                if (self == null) {
                    return 0L;
                }
                return NO_METHOD;
            case "freeze", "dup", "clone":
                return self;
            default:
                return NO_METHOD;
        }
    }

    private static Long matchIndex(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? (long) s.codePointCount(0, m.start()) : null;
    }

    private static Object matchData(Pattern p, String s) {
        Matcher m = p.matcher(s);
        if (!m.find()) {
            return null;
        }
        List<Object> groups = new ArrayList<>();
        for (int g = 0; g <= m.groupCount(); g++) {
            groups.add(m.group(g));
        }
        return groups;
    }

    static boolean caseEquals(Object pattern, Object value, Context ctx, int line) {
        if (pattern instanceof RubyClass c) {
            return isA(value, c.name(), false);
        }
        if (pattern instanceof RubyRegexp r) {
            return (value instanceof String || value instanceof RubySymbol) && r.pattern().matcher(RubyValues.toS(value)).find();
        }
        if (pattern instanceof RubyRange range) {
            return inRange(range, value);
        }
        return rubyEquals(pattern, value);
    }

    private static boolean inRange(RubyRange range, Object value) {
        if (value instanceof Number n && range.from() instanceof Number a && range.to() instanceof Number b) {
            double v = n.doubleValue();
            return v >= a.doubleValue() && (range.exclusive() ? v < b.doubleValue() : v <= b.doubleValue());
        }
        if (value instanceof String s && range.from() instanceof String a && range.to() instanceof String b) {
            return s.compareTo(a) >= 0 && (range.exclusive() ? s.compareTo(b) < 0 : s.compareTo(b) <= 0);
        }
        return false;
    }

    static boolean rubyEquals(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!rubyEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a == null ? b == null : a.equals(b);
    }

    static String className(Object v) {
        if (v == null) {
            return "NilClass";
        }
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
        if (v instanceof Map<?, ?>) {
            return "Hash";
        }
        if (v instanceof RubySymbol) {
            return "Symbol";
        }
        if (v instanceof RubyRegexp) {
            return "Regexp";
        }
        if (v instanceof RubyRange) {
            return "Range";
        }
        if (v instanceof RubyClass) {
            return "Class";
        }
        return v.getClass().getSimpleName();
    }

    private static boolean isA(Object v, String cls, boolean exact) {
        String actual = className(v);
        if (actual.equals(cls) || (!exact && cls.equals("Object"))) {
            return true;
        }
        if (exact) {
            return false;
        }
        return switch (cls) {
            case "Numeric" -> v instanceof Long || v instanceof Double;
            case "Fixnum", "Bignum" -> v instanceof Long;
            default -> false;
        };
    }

    private static final Set<String> STRING_METHODS = Set.of("upcase", "downcase", "capitalize", "swapcase", "strip",
            "lstrip", "rstrip", "chomp", "chop", "length", "size", "empty?", "include?", "start_with?", "end_with?",
            "split", "gsub", "sub", "to_i", "to_f", "to_sym", "+", "*", "%", "[]", "<", ">", "<=", ">=", "<=>",
            "reverse", "ljust", "rjust", "center", "match", "match?", "each_line", "lines", "to_str", "squeeze",
            "count", "index", "chars", "tr", "delete", "casecmp", "casecmp?", "succ", "ord", "hex", "oct");
    private static final Set<String> ARRAY_METHODS = Set.of("each", "each_with_index", "map", "collect", "select",
            "filter", "reject", "find", "detect", "sort", "sort_by", "join", "first", "last", "size", "length",
            "count", "empty?", "include?", "member?", "flatten", "uniq", "compact", "reverse", "min", "max", "sum",
            "any?", "all?", "none?", "+", "-", "&", "|", "[]", "<<", "push", "each_slice", "group_by", "index",
            "take", "drop", "zip", "to_a", "each_with_object", "inject", "reduce", "flat_map", "partition",
            "min_by", "max_by", "to_h", "values_at", "rotate", "sample", "shuffle", "product", "transpose");
    private static final Set<String> HASH_METHODS = Set.of("each", "each_pair", "each_with_index", "keys", "values",
            "[]", "fetch", "has_key?", "key?", "include?", "member?", "has_value?", "value?", "empty?", "size",
            "length", "map", "collect", "select", "filter", "reject", "sort", "sort_by", "to_a", "merge", "any?",
            "all?", "count", "find", "detect", "min_by", "max_by", "first", "dig", "key", "invert", "to_h",
            "each_key", "each_value", "flat_map", "group_by", "partition", "sum", "inject", "reduce", "values_at");

    private static boolean respondsTo(Object self, String method) {
        if (Set.of("nil?", "to_s", "inspect", "is_a?", "kind_of?", "respond_to?", "class", "==", "===").contains(method)) {
            return true;
        }
        if (self instanceof String) {
            return STRING_METHODS.contains(method);
        }
        if (self instanceof List<?>) {
            return ARRAY_METHODS.contains(method);
        }
        if (self instanceof Map<?, ?>) {
            return HASH_METHODS.contains(method);
        }
        if (self instanceof Long || self instanceof Double) {
            return Set.of("to_i", "to_f", "+", "-", "*", "/", "%", "abs", "round", "floor", "ceil", "times",
                    "zero?", "even?", "odd?", "<", ">", "<=", ">=", "<=>", "between?").contains(method);
        }
        return self == null && Set.of("to_a", "to_i").contains(method);
    }

    // ---- String -------------------------------------------------------------------------------------------

    private static Object stringMethod(String s, String name, List<Object> args, Block block, Context ctx, int line) {
        switch (name) {
            case "upcase":
                return s.toUpperCase(Locale.ROOT);
            case "downcase":
                return s.toLowerCase(Locale.ROOT);
            case "capitalize":
                return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
            case "swapcase": {
                StringBuilder sb = new StringBuilder();
                for (char c : s.toCharArray()) {
                    sb.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
                }
                return sb.toString();
            }
            case "strip":
                return RubyText.strip(s);
            case "lstrip":
                return RubyText.lstrip(s);
            case "rstrip":
                return RubyText.rstrip(s);
            case "chomp":
                if (args.isEmpty()) {
                    return RubyText.chomp(s);
                }
                String suffix = RubyValues.toS(args.get(0));
                return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
            case "chop":
                return s.isEmpty() ? s : s.endsWith("\r\n") ? s.substring(0, s.length() - 2) : s.substring(0, s.length() - 1);
            case "length", "size":
                return (long) s.codePointCount(0, s.length());
            case "empty?":
                return s.isEmpty();
            case "include?":
                arity(name, args, 1, ctx, line);
                if (!(args.get(0) instanceof String t)) {
                    throw ctx.error(line, "no implicit conversion of " + className(args.get(0)) + " into String");
                }
                return s.contains(t);
            case "start_with?":
                return args.stream().anyMatch(a -> s.startsWith(RubyValues.toS(a)));
            case "end_with?":
                return args.stream().anyMatch(a -> s.endsWith(RubyValues.toS(a)));
            case "split":
                return split(s, args, ctx, line);
            case "gsub", "sub": {
                if (block != null || args.size() != 2) {
                    throw ctx.unsupported(line, name + " with a block or a hash");
                }
                Pattern p = args.get(0) instanceof RubyRegexp r ? r.pattern()
                        : Pattern.compile(Pattern.quote(RubyValues.toS(args.get(0))));
                if (args.get(1) instanceof Map<?, ?>) {
                    throw ctx.unsupported(line, name + " with a hash replacement");
                }
                return RubyText.substitute(s, p, RubyValues.toS(args.get(1)), name.equals("gsub"));
            }
            case "to_i":
                return stringToI(s);
            case "to_f":
                return stringToF(s);
            case "to_sym":
                return new RubySymbol(s);
            case "to_str":
                return s;
            case "+":
                if (!(args.get(0) instanceof String t)) {
                    throw ctx.error(line, "no implicit conversion of " + className(args.get(0)) + " into String");
                }
                return s + t;
            case "*":
                return s.repeat((int) toIntegerStrict(args.get(0), ctx, line));
            case "%":
                return sprintf(s, args.get(0) instanceof List<?> l ? new ArrayList<>(l) : args, ctx, line);
            case "<", ">", "<=", ">=", "<=>":
                return compareOp(s, args.get(0), name, ctx, line);
            case "[]":
                return stringIndex(s, args, ctx, line);
            case "reverse":
                return new StringBuilder(s).reverse().toString();
            case "ljust", "rjust", "center": {
                int width = (int) toIntegerStrict(args.get(0), ctx, line);
                String pad = args.size() > 1 ? RubyValues.toS(args.get(1)) : " ";
                return justify(s, width, pad, name);
            }
            case "match":
                return args.get(0) instanceof RubyRegexp r ? matchData(r.pattern(), s)
                        : matchData(Pattern.compile(io.puppetplane.lang.value.RubyRegex.toJava(RubyValues.toS(args.get(0))), Pattern.MULTILINE), s);
            case "match?":
                return args.get(0) instanceof RubyRegexp r ? r.pattern().matcher(s).find() : s.contains(RubyValues.toS(args.get(0)));
            case "lines": {
                List<Object> out = new ArrayList<>();
                int start = 0;
                for (int i = 0; i < s.length(); i++) {
                    if (s.charAt(i) == '\n') {
                        out.add(s.substring(start, i + 1));
                        start = i + 1;
                    }
                }
                if (start < s.length()) {
                    out.add(s.substring(start));
                }
                return out;
            }
            case "each_line":
                arrayMethod((List<?>) stringMethod(s, "lines", List.of(), null, ctx, line), "each", args, block, ctx, line);
                return s;
            case "chars": {
                List<Object> out = new ArrayList<>();
                s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
                return out;
            }
            case "squeeze": {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < s.length(); i++) {
                    if (i == 0 || s.charAt(i) != s.charAt(i - 1)) {
                        sb.append(s.charAt(i));
                    }
                }
                return sb.toString();
            }
            case "index": {
                int at = s.indexOf(RubyValues.toS(args.get(0)));
                return at < 0 ? null : (long) at;
            }
            case "count": {
                Set<Integer> chars = new LinkedHashSet<>();
                RubyValues.toS(args.get(0)).codePoints().forEach(chars::add);
                return s.codePoints().filter(chars::contains).count();
            }
            case "casecmp?":
                return s.equalsIgnoreCase(RubyValues.toS(args.get(0)));
            case "ord":
                if (s.isEmpty()) {
                    throw ctx.error(line, "empty string");
                }
                return (long) s.codePointAt(0);
            default:
                return NO_METHOD;
        }
    }

    private static String justify(String s, int width, String pad, String how) {
        int len = s.length();
        if (width <= len || pad.isEmpty()) {
            return s;
        }
        int total = width - len;
        int left = how.equals("rjust") ? total : how.equals("center") ? total / 2 : 0;
        int right = total - left;
        return fill(pad, left) + s + fill(pad, right);
    }

    private static String fill(String pad, int n) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < n) {
            sb.append(pad);
        }
        return sb.substring(0, n);
    }

    private static Object stringIndex(String s, List<Object> args, Context ctx, int line) {
        Object a = args.get(0);
        int n = s.length();
        if (args.size() == 2) {
            long start = toIntegerStrict(a, ctx, line);
            long len = toIntegerStrict(args.get(1), ctx, line);
            if (start < 0) {
                start += n;
            }
            if (start < 0 || start > n || len < 0) {
                return null;
            }
            return s.substring((int) start, (int) Math.min(n, start + len));
        }
        if (a instanceof Long i) {
            long idx = i < 0 ? i + n : i;
            return idx < 0 || idx >= n ? null : String.valueOf(s.charAt((int) idx));
        }
        if (a instanceof String t) {
            return s.contains(t) ? t : null;
        }
        if (a instanceof RubyRegexp r) {
            Matcher m = r.pattern().matcher(s);
            return m.find() ? m.group() : null;
        }
        if (a instanceof RubyRange r && r.from() instanceof Long from && r.to() instanceof Long to) {
            long start = from < 0 ? from + n : from;
            long end = to < 0 ? to + n : to;
            if (!r.exclusive()) {
                end++;
            }
            if (start < 0 || start > n) {
                return null;
            }
            end = Math.min(end, n);
            return end < start ? "" : s.substring((int) start, (int) end);
        }
        throw ctx.unsupported(line, "String#[] with " + className(a));
    }

    private static Object split(String s, List<Object> args, Context ctx, int line) {
        if (args.size() > 1) {
            throw ctx.unsupported(line, "String#split with a limit");
        }
        Object sep = args.isEmpty() ? null : args.get(0);
        if (sep == null || " ".equals(sep)) {
            List<Object> out = new ArrayList<>();
            for (String part : RubyText.strip(s).split("[ \\t\\n\\x0B\\f\\r]+")) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
            return out;
        }
        Pattern p = sep instanceof RubyRegexp r ? r.pattern() : Pattern.compile(Pattern.quote(RubyValues.toS(sep)));
        return RubyText.split(s, p);
    }

    private static long stringToI(String s) {
        Matcher m = Pattern.compile("^\\s*([+-]?\\d[\\d_]*)").matcher(s);
        if (!m.find()) {
            return 0;
        }
        String digits = m.group(1).replace("_", "");
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double stringToF(String s) {
        Matcher m = Pattern.compile("^\\s*([+-]?\\d[\\d_]*(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)").matcher(s);
        return m.find() ? Double.parseDouble(m.group(1).replace("_", "")) : 0.0;
    }

    // ---- numbers ------------------------------------------------------------------------------------------

    private static Object numberMethod(Number n, String name, List<Object> args, Block block, Context ctx, int line) {
        boolean integer = n instanceof Long;
        switch (name) {
            case "to_i":
                return integer ? n : (long) n.doubleValue();
            case "to_f":
                return n.doubleValue();
            case "abs":
                return integer ? (Object) Math.abs(n.longValue()) : (Object) Math.abs(n.doubleValue());
            case "-@":
                return integer ? (Object) (-n.longValue()) : (Object) (-n.doubleValue());
            case "zero?":
                return n.doubleValue() == 0;
            case "even?":
                return integer && n.longValue() % 2 == 0;
            case "odd?":
                return integer && n.longValue() % 2 != 0;
            case "round":
                if (!args.isEmpty()) {
                    throw ctx.unsupported(line, "round with digits");
                }
                return integer ? n : (long) (n.doubleValue() < 0 ? -Math.floor(-n.doubleValue() + 0.5) : Math.floor(n.doubleValue() + 0.5));
            case "floor":
                return integer ? n : (long) Math.floor(n.doubleValue());
            case "ceil":
                return integer ? n : (long) Math.ceil(n.doubleValue());
            case "times": {
                if (!integer || block == null) {
                    return NO_METHOD;
                }
                for (long i = 0; i < n.longValue(); i++) {
                    callBlock(block, ctx, List.of(i));
                }
                return n;
            }
            case "to_s":
                if (integer && args.size() == 1) {
                    return Long.toString(n.longValue(), (int) toIntegerStrict(args.get(0), ctx, line));
                }
                return NO_METHOD;
            case "+", "-", "*", "/", "%", "**":
                return arithmetic(n, args.get(0), name, ctx, line);
            case "<", ">", "<=", ">=", "<=>":
                return compareOp(n, args.get(0), name, ctx, line);
            case "between?":
                return compare(n, args.get(0), ctx, line) >= 0 && compare(n, args.get(1), ctx, line) <= 0;
            default:
                return NO_METHOD;
        }
    }

    private static Object arithmetic(Number a, Object other, String op, Context ctx, int line) {
        if (!(other instanceof Number b)) {
            throw ctx.error(line, (other == null ? "nil" : className(other)) + " can't be coerced into " + className(a));
        }
        if (a instanceof Long x && b instanceof Long y) {
            try {
                return integerArithmetic(x, y, op, ctx, line);
            } catch (ArithmeticException e) {
                throw ctx.unsupported(line, "integers beyond 64 bits (" + x + " " + op + " " + y + ")");
            }
        }
        double x = a.doubleValue();
        double y = b.doubleValue();
        return switch (op) {
            case "+" -> x + y;
            case "-" -> x - y;
            case "*" -> x * y;
            case "/" -> x / y;
            case "%" -> x - y * Math.floor(x / y);
            default -> Math.pow(x, y);
        };
    }

    private static long integerArithmetic(long x, long y, String op, Context ctx, int line) {
        switch (op) {
            case "+":
                return Math.addExact(x, y);
            case "-":
                return Math.subtractExact(x, y);
            case "*":
                return Math.multiplyExact(x, y);
            case "/":
                if (y == 0) {
                    throw ctx.error(line, "divided by 0");
                }
                return Math.floorDiv(x, y);
            case "%":
                if (y == 0) {
                    throw ctx.error(line, "divided by 0");
                }
                return Math.floorMod(x, y);
            default:
                if (y < 0) {
                    throw ctx.unsupported(line, "negative integer exponent");
                }
                return java.math.BigInteger.valueOf(x).pow((int) y).longValueExact();
        }
    }

    private static Object compareOp(Object a, Object b, String op, Context ctx, int line) {
        if (op.equals("<=>")) {
            if (!(a instanceof Number && b instanceof Number) && !(a instanceof String && b instanceof String)) {
                return null;
            }
            return (long) compare(a, b, ctx, line);
        }
        int c = compare(a, b, ctx, line);
        return switch (op) {
            case "<" -> c < 0;
            case ">" -> c > 0;
            case "<=" -> c <= 0;
            default -> c >= 0;
        };
    }

    /** Ruby compares from the first element on: name the first element and the first one it cannot compare with. */
    private static void checkSortable(List<?> values, Context ctx, int line) {
        for (int i = 1; i < values.size(); i++) {
            sortCompare(values.get(0), values.get(i), ctx, line);
        }
    }

    /** Array#sort names both classes when elements cannot be compared. */
    private static int sortCompare(Object a, Object b, Context ctx, int line) {
        boolean comparable = a instanceof Number && b instanceof Number || a instanceof String && b instanceof String
                || a instanceof RubySymbol && b instanceof RubySymbol || a instanceof List<?> && b instanceof List<?>;
        if (!comparable) {
            throw ctx.error(line, "comparison of " + className(a) + " with " + className(b) + " failed");
        }
        return compare(a, b, ctx, line);
    }

    /** Ruby's <=> for sorting: numbers, strings, arrays; anything else fails as Ruby fails. */
    static int compare(Object a, Object b, Context ctx, int line) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return Integer.signum(x.compareTo(y));
        }
        if (a instanceof RubySymbol x && b instanceof RubySymbol y) {
            return Integer.signum(x.name().compareTo(y.name()));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                int c = compare(x.get(i), y.get(i), ctx, line);
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        throw ctx.error(line, "comparison of " + className(a) + " with "
                + (b == null ? "nil" : b instanceof String || b instanceof Number ? RubyValues.inspect(b) : className(b)) + " failed");
    }

    // ---- Array --------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Object arrayMethod(List<?> list, String name, List<Object> args, Block block, Context ctx, int line) {
        switch (name) {
            case "each":
                requireBlock(block, name, ctx, line);
                for (Object e : new ArrayList<>(list)) {
                    callBlock(block, ctx, java.util.Collections.singletonList(e));
                }
                return list;
            case "each_with_index": {
                requireBlock(block, name, ctx, line);
                long i = 0;
                for (Object e : new ArrayList<>(list)) {
                    callBlock(block, ctx, java.util.Arrays.asList(e, i++));
                }
                return list;
            }
            case "map", "collect", "flat_map": {
                requireBlock(block, name, ctx, line);
                List<Object> out = ctx.own(new ArrayList<>());
                for (Object e : list) {
                    Object v = callBlock(block, ctx, java.util.Collections.singletonList(e));
                    if (name.equals("flat_map") && v instanceof List<?> l) {
                        out.addAll(l);
                    } else {
                        out.add(v);
                    }
                }
                return out;
            }
            case "select", "filter", "reject": {
                requireBlock(block, name, ctx, line);
                List<Object> out = ctx.own(new ArrayList<>());
                for (Object e : list) {
                    boolean keep = Node.truthy(callBlock(block, ctx, java.util.Collections.singletonList(e)));
                    if (keep != name.equals("reject")) {
                        out.add(e);
                    }
                }
                return out;
            }
            case "partition": {
                requireBlock(block, name, ctx, line);
                List<Object> yes = new ArrayList<>();
                List<Object> no = new ArrayList<>();
                for (Object e : list) {
                    (Node.truthy(callBlock(block, ctx, java.util.Collections.singletonList(e))) ? yes : no).add(e);
                }
                return ctx.own(new ArrayList<>(List.of(yes, no)));
            }
            case "find", "detect":
                requireBlock(block, name, ctx, line);
                for (Object e : list) {
                    if (Node.truthy(callBlock(block, ctx, java.util.Collections.singletonList(e)))) {
                        return e;
                    }
                }
                return null;
            case "any?", "all?", "none?": {
                boolean any = false;
                boolean all = true;
                for (Object e : list) {
                    boolean t = block == null ? Node.truthy(e) : Node.truthy(callBlock(block, ctx, java.util.Collections.singletonList(e)));
                    any |= t;
                    all &= t;
                }
                return name.equals("any?") ? any : name.equals("all?") ? all : !any;
            }
            case "count":
                if (block != null) {
                    long c = 0;
                    for (Object e : list) {
                        if (Node.truthy(callBlock(block, ctx, java.util.Collections.singletonList(e)))) {
                            c++;
                        }
                    }
                    return c;
                }
                if (!args.isEmpty()) {
                    return list.stream().filter(e -> rubyEquals(e, args.get(0))).count();
                }
                return (long) list.size();
            case "sort": {
                List<Object> out = ctx.own(new ArrayList<>(list));
                if (block != null) {
                    out.sort((a, b) -> (int) toIntegerStrict(callBlock(block, ctx, java.util.Arrays.asList(a, b)), ctx, line));
                } else {
                    checkSortable(out, ctx, line);
                    out.sort((a, b) -> sortCompare(a, b, ctx, line));
                }
                return out;
            }
            case "sort_by", "min_by", "max_by": {
                requireBlock(block, name, ctx, line);
                List<Object[]> keyed = new ArrayList<>();
                for (Object e : list) {
                    keyed.add(new Object[] {callBlock(block, ctx, java.util.Collections.singletonList(e)), e});
                }
                checkSortable(keyed.stream().map(k -> k[0]).toList(), ctx, line);
                keyed.sort((a, b) -> sortCompare(a[0], b[0], ctx, line));
                if (name.equals("min_by")) {
                    return keyed.isEmpty() ? null : keyed.get(0)[1];
                }
                if (name.equals("max_by")) {
                    return keyed.isEmpty() ? null : keyed.get(keyed.size() - 1)[1];
                }
                List<Object> out = ctx.own(new ArrayList<>());
                keyed.forEach(k -> out.add(k[1]));
                return out;
            }
            case "group_by": {
                requireBlock(block, name, ctx, line);
                Map<Object, Object> out = ctx.own(new LinkedHashMap<>());
                for (Object e : list) {
                    Object key = callBlock(block, ctx, java.util.Collections.singletonList(e));
                    ((List<Object>) out.computeIfAbsent(key, k -> new ArrayList<>())).add(e);
                }
                return out;
            }
            case "each_slice": {
                requireBlock(block, name, ctx, line);
                int size = (int) toIntegerStrict(args.get(0), ctx, line);
                if (size <= 0) {
                    throw ctx.error(line, "invalid slice size");
                }
                for (int i = 0; i < list.size(); i += size) {
                    callBlock(block, ctx, List.of(new ArrayList<>(list.subList(i, Math.min(list.size(), i + size)))));
                }
                return null;
            }
            case "each_with_object": {
                requireBlock(block, name, ctx, line);
                Object memo = args.get(0);
                for (Object e : list) {
                    callBlock(block, ctx, java.util.Arrays.asList(e, memo));
                }
                return memo;
            }
            case "inject", "reduce": {
                requireBlock(block, name, ctx, line);
                int start = 0;
                Object memo;
                if (!args.isEmpty()) {
                    memo = args.get(0);
                } else if (list.isEmpty()) {
                    return null;
                } else {
                    memo = list.get(0);
                    start = 1;
                }
                for (int i = start; i < list.size(); i++) {
                    memo = callBlock(block, ctx, java.util.Arrays.asList(memo, list.get(i)));
                }
                return memo;
            }
            case "join": {
                String sep = args.isEmpty() || args.get(0) == null ? "" : RubyValues.toS(args.get(0));
                return RubyValues.join(list, sep);
            }
            case "first":
                if (args.isEmpty()) {
                    return list.isEmpty() ? null : list.get(0);
                }
                return ctx.own(new ArrayList<>(list.subList(0, (int) Math.min(list.size(), toIntegerStrict(args.get(0), ctx, line)))));
            case "last":
                if (args.isEmpty()) {
                    return list.isEmpty() ? null : list.get(list.size() - 1);
                }
                int k = (int) Math.min(list.size(), toIntegerStrict(args.get(0), ctx, line));
                return ctx.own(new ArrayList<>(list.subList(list.size() - k, list.size())));
            case "take":
                return ctx.own(new ArrayList<>(list.subList(0, (int) Math.min(list.size(), toIntegerStrict(args.get(0), ctx, line)))));
            case "drop":
                return ctx.own(new ArrayList<>(list.subList((int) Math.min(list.size(), toIntegerStrict(args.get(0), ctx, line)), list.size())));
            case "size", "length":
                return (long) list.size();
            case "empty?":
                return list.isEmpty();
            case "include?", "member?":
                return list.stream().anyMatch(e -> rubyEquals(e, args.get(0)));
            case "index":
                for (int i = 0; i < list.size(); i++) {
                    if (rubyEquals(list.get(i), args.get(0))) {
                        return (long) i;
                    }
                }
                return null;
            case "flatten": {
                List<Object> out = ctx.own(new ArrayList<>());
                RubyValues.flattenInto(list, out);
                return out;
            }
            case "uniq": {
                if (block != null) {
                    throw ctx.unsupported(line, "uniq with a block");
                }
                return ctx.own(new ArrayList<>(new LinkedHashSet<>(list)));
            }
            case "compact": {
                List<Object> out = ctx.own(new ArrayList<>(list));
                out.removeIf(e -> e == null);
                return out;
            }
            case "reverse": {
                List<Object> out = ctx.own(new ArrayList<>(list));
                Collections.reverse(out);
                return out;
            }
            case "rotate": {
                List<Object> out = ctx.own(new ArrayList<>(list));
                if (!out.isEmpty()) {
                    Collections.rotate(out, -(int) (args.isEmpty() ? 1 : toIntegerStrict(args.get(0), ctx, line)));
                }
                return out;
            }
            case "min", "max": {
                if (list.isEmpty()) {
                    return null;
                }
                Object best = list.get(0);
                for (Object e : list) {
                    int c = compare(e, best, ctx, line);
                    if (name.equals("min") ? c < 0 : c > 0) {
                        best = e;
                    }
                }
                return best;
            }
            case "sum": {
                Object total = args.isEmpty() ? 0L : args.get(0);
                for (Object e : list) {
                    if (!(total instanceof Number t)) {
                        throw ctx.unsupported(line, "sum of non-numbers");
                    }
                    total = arithmetic(t, e, "+", ctx, line);
                }
                return total;
            }
            case "+": {
                if (!(args.get(0) instanceof List<?> other)) {
                    throw ctx.error(line, "no implicit conversion of " + className(args.get(0)) + " into Array");
                }
                List<Object> out = ctx.own(new ArrayList<>(list));
                out.addAll(other);
                return out;
            }
            case "-": {
                if (!(args.get(0) instanceof List<?> other)) {
                    throw ctx.error(line, "no implicit conversion of " + className(args.get(0)) + " into Array");
                }
                List<Object> out = ctx.own(new ArrayList<>(list));
                out.removeIf(other::contains);
                return out;
            }
            case "&", "|": {
                if (!(args.get(0) instanceof List<?> other)) {
                    throw ctx.error(line, "no implicit conversion of " + className(args.get(0)) + " into Array");
                }
                LinkedHashSet<Object> set = new LinkedHashSet<>(list);
                if (name.equals("&")) {
                    set.retainAll(new LinkedHashSet<>(other));
                } else {
                    set.addAll(other);
                }
                return ctx.own(new ArrayList<>(set));
            }
            case "<<", "push":
                if (!ctx.owned(list)) {
                    throw ctx.unsupported(line, "modifying an array that comes from Puppet (use + instead)");
                }
                ((List<Object>) list).addAll(args);
                return list;
            case "*":
                if (args.get(0) instanceof String sep) {
                    return arrayMethod(list, "join", List.of(sep), null, ctx, line);
                }
                return NO_METHOD;
            case "[]":
                return arrayIndex(list, args, ctx, line);
            case "values_at": {
                List<Object> out = ctx.own(new ArrayList<>());
                for (Object a : args) {
                    out.add(arrayIndex(list, List.of(a), ctx, line));
                }
                return out;
            }
            case "zip": {
                List<Object> out = ctx.own(new ArrayList<>());
                for (int i = 0; i < list.size(); i++) {
                    List<Object> row = new ArrayList<>();
                    row.add(list.get(i));
                    for (Object a : args) {
                        List<?> other = (List<?>) a;
                        row.add(i < other.size() ? other.get(i) : null);
                    }
                    out.add(row);
                }
                return out;
            }
            case "to_a":
                return list;
            case "to_h": {
                Map<Object, Object> out = ctx.own(new LinkedHashMap<>());
                for (Object e : list) {
                    if (!(e instanceof List<?> pair) || pair.size() != 2) {
                        throw ctx.error(line, "wrong element type " + className(e) + " (expected array)");
                    }
                    out.put(pair.get(0), pair.get(1));
                }
                return out;
            }
            default:
                return NO_METHOD;
        }
    }


    private static Object arrayIndex(List<?> list, List<Object> args, Context ctx, int line) {
        Object a = args.get(0);
        int n = list.size();
        if (args.size() == 2) {
            long start = toIntegerStrict(a, ctx, line);
            long len = toIntegerStrict(args.get(1), ctx, line);
            if (start < 0) {
                start += n;
            }
            if (start < 0 || start > n || len < 0) {
                return null;
            }
            return ctx.own(new ArrayList<>(list.subList((int) start, (int) Math.min(n, start + len))));
        }
        if (a instanceof Long i) {
            long idx = i < 0 ? i + n : i;
            return idx < 0 || idx >= n ? null : list.get((int) idx);
        }
        if (a instanceof RubyRange r && r.from() instanceof Long from && r.to() instanceof Long to) {
            long start = from < 0 ? from + n : from;
            long end = to < 0 ? to + n : to;
            if (!r.exclusive()) {
                end++;
            }
            if (start < 0 || start > n) {
                return null;
            }
            end = Math.min(end, n);
            return ctx.own(end < start ? new ArrayList<>() : new ArrayList<>(list.subList((int) start, (int) end)));
        }
        throw ctx.error(line, "no implicit conversion of " + className(a) + " into Integer");
    }

    // ---- Hash ---------------------------------------------------------------------------------------------

    private static List<Object> pairs(Map<?, ?> map) {
        List<Object> out = new ArrayList<>();
        map.forEach((k, v) -> {
            List<Object> pair = new ArrayList<>(2);
            pair.add(k);
            pair.add(v);
            out.add(pair);
        });
        return out;
    }

    private static Object hashMethod(Map<?, ?> map, String name, List<Object> args, Block block, Context ctx, int line) {
        switch (name) {
            case "each", "each_pair":
                requireBlock(block, name, ctx, line);
                for (Object pair : pairs(map)) {
                    callBlock(block, ctx, List.of(pair));
                }
                return map;
            case "each_key":
                requireBlock(block, name, ctx, line);
                for (Object k : new ArrayList<>(map.keySet())) {
                    callBlock(block, ctx, java.util.Collections.singletonList(k));
                }
                return map;
            case "each_value":
                requireBlock(block, name, ctx, line);
                for (Object v : new ArrayList<>(map.values())) {
                    callBlock(block, ctx, java.util.Collections.singletonList(v));
                }
                return map;
            case "keys":
                return ctx.own(new ArrayList<>(map.keySet()));
            case "values":
                return ctx.own(new ArrayList<>(map.values()));
            case "[]":
                return map.get(args.get(0));
            case "dig": {
                Object v = map;
                for (Object k : args) {
                    if (v == null) {
                        return null;
                    }
                    if (v instanceof Map<?, ?> m) {
                        v = m.get(k);
                    } else if (v instanceof List<?> l && k instanceof Long i) {
                        v = arrayIndex(l, List.of(i), ctx, line);
                    } else {
                        throw ctx.error(line, className(v) + " does not have #dig method");
                    }
                }
                return v;
            }
            case "fetch":
                if (map.containsKey(args.get(0))) {
                    return map.get(args.get(0));
                }
                if (args.size() > 1) {
                    return args.get(1);
                }
                if (block != null) {
                    return callBlock(block, ctx, java.util.Collections.singletonList(args.get(0)));
                }
                throw ctx.error(line, "key not found: " + RubyValues.inspect(args.get(0)));
            case "has_key?", "key?", "include?", "member?":
                return map.containsKey(args.get(0));
            case "has_value?", "value?":
                return map.values().stream().anyMatch(v -> rubyEquals(v, args.get(0)));
            case "key":
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (rubyEquals(e.getValue(), args.get(0))) {
                        return e.getKey();
                    }
                }
                return null;
            case "empty?":
                return map.isEmpty();
            case "size", "length":
                return (long) map.size();
            case "merge": {
                Map<Object, Object> out = ctx.own(new LinkedHashMap<>(map));
                for (Object a : args) {
                    if (!(a instanceof Map<?, ?> other)) {
                        throw ctx.error(line, "no implicit conversion of " + className(a) + " into Hash");
                    }
                    out.putAll(other);
                }
                return out;
            }
            case "select", "filter", "reject": {
                requireBlock(block, name, ctx, line);
                Map<Object, Object> out = ctx.own(new LinkedHashMap<>());
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    boolean keep = Node.truthy(callBlock(block, ctx, java.util.Arrays.asList(e.getKey(), e.getValue())));
                    if (keep != name.equals("reject")) {
                        out.put(e.getKey(), e.getValue());
                    }
                }
                return out;
            }
            case "invert": {
                Map<Object, Object> out = ctx.own(new LinkedHashMap<>());
                map.forEach((k, v) -> out.put(v, k));
                return out;
            }
            case "to_h":
                return map;
            case "sort", "to_a", "map", "collect", "flat_map", "sort_by", "min_by", "max_by", "each_with_index",
                 "any?", "all?", "count", "find", "detect", "first", "group_by", "partition", "sum", "inject",
                 "reduce":
                if (name.equals("first") && args.isEmpty()) {
                    return map.isEmpty() ? null : pairs(map).get(0);
                }
                if (name.equals("count") && block == null && args.isEmpty()) {
                    return (long) map.size();
                }
                return arrayMethod(ctx.own(pairs(map)), name, args, block, ctx, line);
            case "values_at": {
                List<Object> out = ctx.own(new ArrayList<>());
                for (Object a : args) {
                    out.add(map.get(a));
                }
                return out;
            }
            default:
                return NO_METHOD;
        }
    }

    // ---- blocks and helpers -------------------------------------------------------------------------------

    private static void requireBlock(Block block, String name, Context ctx, int line) {
        if (block == null) {
            throw ctx.unsupported(line, name + " without a block (enumerators)");
        }
    }

    /** Calls a block with yielded values, binding parameters with Ruby's proc semantics. */
    static Object callBlock(Block block, Context ctx, List<Object> yielded) {
        ctx.step(block.line());
        List<Object> params = block.params();
        List<Object> values = yielded;
        if (yielded.size() == 1 && yielded.get(0) instanceof List<?> arr && params.size() > 1) {
            values = new ArrayList<>(arr);
        }
        Map<String, Object> saved = new LinkedHashMap<>();
        Set<String> before = new java.util.HashSet<>(ctx.locals.keySet());
        bind(params, values, ctx, saved);
        try {
            return block.body().eval(ctx);
        } finally {
            saved.forEach(ctx.locals::put);
            // Parameters and variables first assigned in the block end with it.
            ctx.locals.keySet().retainAll(before);
        }
    }

    private static void bind(List<Object> params, List<?> values, Context ctx, Map<String, Object> saved) {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            Object v = i < values.size() ? values.get(i) : null;
            if (p instanceof String name) {
                if (ctx.locals.containsKey(name)) {
                    saved.putIfAbsent(name, ctx.locals.get(name));
                }
                ctx.locals.put(name, v);
            } else {
                @SuppressWarnings("unchecked")
                List<Object> nested = (List<Object>) p;
                bind(nested, v instanceof List<?> l ? l : java.util.Collections.singletonList(v), ctx, saved);
            }
        }
    }

    private static List<Object> rangeToList(RubyRange r, Context ctx, int line) {
        List<Object> out = new ArrayList<>();
        if (r.from() instanceof Long from && r.to() instanceof Long to) {
            long end = r.exclusive() ? to - 1 : to;
            if (end - from > 1_000_000) {
                throw ctx.error(line, "range too large");
            }
            for (long i = from; i <= end; i++) {
                out.add(i);
            }
            return out;
        }
        throw ctx.unsupported(line, "iterating a range of " + className(r.from()));
    }

    private static void arity(String name, List<Object> args, int n, Context ctx, int line) {
        if (args.size() != n) {
            throw ctx.error(line, "wrong number of arguments calling `" + name + "` (given " + args.size()
                    + ", expected " + n + ")");
        }
    }

    private static long toIntegerStrict(Object v, Context ctx, int line) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d) {
            return d.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.strip().replace("_", ""));
            } catch (NumberFormatException e) {
                throw ctx.error(line, "invalid value for Integer(): " + RubyValues.inspect(s));
            }
        }
        throw ctx.error(line, "no implicit conversion of " + className(v) + " into Integer");
    }

    private static String sprintf(String format, List<Object> args, Context ctx, int line) {
        try {
            return RubyText.sprintf(format, args);
        } catch (io.puppetplane.lang.spi.FunctionError e) {
            throw ctx.error(line, e.getMessage());
        }
    }
}
