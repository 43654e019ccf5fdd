package io.puppetplane.lang.functions;

import io.puppetplane.lang.erb.RubyValues;
import io.puppetplane.lang.spi.PuppetFunction;
import io.puppetplane.lang.types.Types;
import io.puppetplane.lang.value.RegexpValue;
import io.puppetplane.lang.value.RubyRegex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** String functions of Puppet 7's core library and stdlib. */
final class StringFunctions {

    private StringFunctions() {
    }

    static void register(Map<String, PuppetFunction> registry) {
        registry.put("upcase", args -> mapStrings("upcase", args, s -> s.toUpperCase(Locale.ROOT), true));
        registry.put("downcase", args -> mapStrings("downcase", args, s -> s.toLowerCase(Locale.ROOT), true));
        registry.put("capitalize", args -> mapStrings("capitalize", args, StringFunctions::capitalize, false));
        registry.put("camelcase", args -> mapStrings("camelcase", args, StringFunctions::camelcase, false));
        registry.put("strip", args -> mapStrings("strip", args, StringFunctions::strip, false));
        registry.put("lstrip", args -> mapStrings("lstrip", args, StringFunctions::lstrip, false));
        registry.put("rstrip", args -> mapStrings("rstrip", args, StringFunctions::rstrip, false));
        registry.put("chomp", args -> mapStrings("chomp", args, StringFunctions::chomp, false));
        registry.put("chop", args -> mapStrings("chop", args, StringFunctions::chop, false));
        registry.put("split", StringFunctions::split);
        registry.put("regsubst", StringFunctions::regsubst);
        registry.put("match", StringFunctions::match);
        registry.put("versioncmp", StringFunctions::versioncmp);
        registry.put("uriescape", StringFunctions::uriescape);
        registry.put("bool2str", StringFunctions::bool2str);
        registry.put("str2bool", StringFunctions::str2bool);
        registry.put("sprintf", args -> {
            Args a = Args.of("sprintf", args, 1, Integer.MAX_VALUE);
            return RubyFormat.sprintf(a.string(0, "format"), args.subList(1, args.size()));
        });
    }

    /** Applies op to a String, or to each String in an Array (and Hash keys and values when recursive). */
    private static Object mapStrings(String name, List<Object> args, UnaryOperator<String> op, boolean hashes) {
        Args a = Args.of(name, args, 1, 1);
        return mapValue(name, a, a.get(0), op, hashes);
    }

    private static Object mapValue(String name, Args a, Object v, UnaryOperator<String> op, boolean hashes) {
        if (v instanceof String s) {
            return op.apply(s);
        }
        if (v instanceof Long || v instanceof Double) {
            return v;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object e : list) {
                out.add(mapValue(name, a, e, op, hashes));
            }
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, val) -> out.put(mapValue(name, a, k, op, hashes), mapValue(name, a, val, op, hashes)));
            return out;
        }
        throw a.fail("'" + name + "' parameter 'arg' expects a value of type Numeric, String, or Iterable, got "
                + Types.argumentTypeName(v));
    }

    static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
    }

    private static String camelcase(String s) {
        StringBuilder out = new StringBuilder();
        for (String part : s.split("_", -1)) {
            out.append(capitalize(part));
        }
        return out.toString();
    }

    private static boolean rubySpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == 0;
    }

    static String strip(String s) {
        return rstrip(lstrip(s));
    }

    static String lstrip(String s) {
        int i = 0;
        while (i < s.length() && rubySpace(s.charAt(i)) && s.charAt(i) != 0) {
            i++;
        }
        return s.substring(i);
    }

    static String rstrip(String s) {
        int end = s.length();
        while (end > 0 && rubySpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    static String chomp(String s) {
        if (s.endsWith("\r\n")) {
            return s.substring(0, s.length() - 2);
        }
        if (s.endsWith("\n") || s.endsWith("\r")) {
            return s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static String chop(String s) {
        if (s.isEmpty()) {
            return s;
        }
        if (s.endsWith("\r\n")) {
            return s.substring(0, s.length() - 2);
        }
        return s.substring(0, s.offsetByCodePoints(s.length(), -1));
    }

    /** A Ruby regexp as Puppet code writes it, compiled for Java: ^ and $ anchor at lines as in Ruby. */
    static Pattern rubyPattern(String source, int extraFlags, Args a) {
        try {
            return Pattern.compile(RubyRegex.toJava(source), Pattern.MULTILINE | extraFlags);
        } catch (PatternSyntaxException e) {
            throw a.fail("'" + a + "' invalid regular expression /" + source + "/: " + e.getDescription());
        }
    }

    private static Pattern patternArg(Args a, int index, String param, int flags) {
        Object p = a.get(index);
        if (p instanceof String s) {
            return rubyPattern(s, flags, a);
        }
        if (p instanceof RegexpValue r) {
            return rubyPattern(r.source(), flags, a);
        }
        throw a.mismatch(param, "a value of type String or Regexp", p);
    }

    /** Ruby's String#split(Regexp): trailing empty fields dropped, captures included. */
    static List<Object> rubySplit(String s, Pattern pattern) {
        List<Object> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        Matcher m = pattern.matcher(s);
        int start = 0;
        int searchFrom = 0;
        while (searchFrom <= s.length() && m.find(searchFrom)) {
            if (m.end() == m.start()) {
                if (m.start() >= s.length()) {
                    break;
                }
                if (m.start() == start) {
                    // An empty match splits between characters.
                    int next = s.offsetByCodePoints(start, 1);
                    if (start == 0 && m.start() == 0) {
                        out.add(s.substring(0, next));
                        addGroups(m, out);
                        start = next;
                        searchFrom = next;
                        continue;
                    }
                    searchFrom = next;
                    out.add(s.substring(start, next));
                    addGroups(m, out);
                    start = next;
                    continue;
                }
            }
            out.add(s.substring(start, m.start()));
            addGroups(m, out);
            start = m.end();
            searchFrom = m.end() == m.start() ? m.end() + 1 : m.end();
        }
        out.add(s.substring(start));
        while (!out.isEmpty() && "".equals(out.get(out.size() - 1))) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static void addGroups(Matcher m, List<Object> out) {
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null) {
                out.add(m.group(g));
            }
        }
    }

    private static Object split(List<Object> args) {
        Args a = Args.of("split", args, 2, 2);
        String s = a.string(0, "str");
        Pattern p = patternArg(a, 1, "pattern", 0);
        return rubySplit(s, p);
    }

    private static Object regsubst(List<Object> args) {
        Args a = Args.of("regsubst", args, 3, 5);
        Object target = a.get(0);
        String replacement = a.string(2, "replacement");
        String flagString = a.has(3) && a.get(3) != null ? a.string(3, "flags") : "";
        int flags = 0;
        boolean global = false;
        for (char c : flagString.toCharArray()) {
            switch (c) {
                case 'G' -> global = true;
                case 'E' -> flags |= Pattern.COMMENTS;
                case 'I' -> flags |= Pattern.CASE_INSENSITIVE;
                case 'M' -> flags |= Pattern.DOTALL;
                default -> throw a.fail("regsubst(): Invalid regular expression flags '" + flagString + "'");
            }
        }
        Pattern pattern = patternArg(a, 1, "pattern", flags);
        if (target instanceof String s) {
            return substitute(s, pattern, replacement, global);
        }
        if (target instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object e : list) {
                if (!(e instanceof String s)) {
                    throw a.mismatch("target", "a value of type Array[String] or String", target);
                }
                out.add(substitute(s, pattern, replacement, global));
            }
            return out;
        }
        throw a.mismatch("target", "a value of type Array or String", target);
    }

    /** Ruby's sub/gsub with a replacement string: \0-\9, \&, \k<name>, \\ are references. */
    static String substitute(String s, Pattern pattern, String replacement, boolean global) {
        Matcher m = pattern.matcher(s);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(s, last, m.start());
            appendReplacement(m, replacement, out);
            last = m.end();
            if (!global) {
                break;
            }
            if (m.end() == m.start()) {
                if (m.end() < s.length()) {
                    out.append(s, m.end(), m.end() + 1);
                }
                last = m.end() + 1;
                if (last > s.length() || !m.find(last)) {
                    break;
                }
                m.region(last, s.length());
            }
        }
        if (last < s.length()) {
            out.append(s, last, s.length());
        }
        return out.toString();
    }

    private static void appendReplacement(Matcher m, String replacement, StringBuilder out) {
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '\\' && i + 1 < replacement.length()) {
                char n = replacement.charAt(i + 1);
                if (Character.isDigit(n)) {
                    int g = n - '0';
                    if (g <= m.groupCount() && m.group(g) != null) {
                        out.append(m.group(g));
                    }
                    i++;
                    continue;
                }
                if (n == '&') {
                    out.append(m.group());
                    i++;
                    continue;
                }
                if (n == '\\') {
                    out.append('\\');
                    i++;
                    continue;
                }
                if (n == 'k' && i + 2 < replacement.length() && replacement.charAt(i + 2) == '<') {
                    int close = replacement.indexOf('>', i + 3);
                    if (close > 0) {
                        String name = replacement.substring(i + 3, close);
                        String value = m.group(name);
                        if (value != null) {
                            out.append(value);
                        }
                        i = close;
                        continue;
                    }
                }
            }
            out.append(c);
        }
    }

    private static Object match(List<Object> args) {
        Args a = Args.of("match", args, 2, 2);
        Pattern p = patternArg(a, 1, "pattern", 0);
        Object v = a.get(0);
        if (v instanceof String s) {
            return matchOne(s, p);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object e : list) {
                if (!(e instanceof String s)) {
                    throw a.mismatch("string", "a value of type String or Array[String]", v);
                }
                out.add(matchOne(s, p));
            }
            return out;
        }
        throw a.mismatch("string", "a value of type String or Array[String]", v);
    }

    private static Object matchOne(String s, Pattern p) {
        Matcher m = p.matcher(s);
        if (!m.find()) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (int g = 0; g <= m.groupCount(); g++) {
            out.add(m.group(g));
        }
        return out;
    }

    private static final Pattern VERSION_TOKEN = Pattern.compile("[-.]|\\d+|[^-.\\d]+");

    private static Object versioncmp(List<Object> args) {
        Args a = Args.of("versioncmp", args, 2, 3);
        String x = a.string(0, "a");
        String y = a.string(1, "b");
        boolean ignoreTrailingZeroes = a.has(2) && a.bool(2, "ignore_trailing_zeroes");
        return (long) versioncmp(x, y, ignoreTrailingZeroes);
    }

    static int versioncmp(String x, String y, boolean ignoreTrailingZeroes) {
        if (ignoreTrailingZeroes) {
            x = normalizeVersion(x);
            y = normalizeVersion(y);
        }
        List<String> ax = tokens(x);
        List<String> bx = tokens(y);
        int i = 0;
        while (i < ax.size() && i < bx.size()) {
            String p = ax.get(i);
            String q = bx.get(i);
            i++;
            if (p.equals(q)) {
                continue;
            }
            if (p.equals("-")) {
                return -1;
            }
            if (q.equals("-")) {
                return 1;
            }
            if (p.equals(".")) {
                return -1;
            }
            if (q.equals(".")) {
                return 1;
            }
            if (p.chars().allMatch(Character::isDigit) && q.chars().allMatch(Character::isDigit)) {
                if (p.startsWith("0") || q.startsWith("0")) {
                    return Integer.signum(p.toUpperCase(Locale.ROOT).compareTo(q.toUpperCase(Locale.ROOT)));
                }
                return new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q));
            }
            return Integer.signum(p.toUpperCase(Locale.ROOT).compareTo(q.toUpperCase(Locale.ROOT)));
        }
        return Integer.signum(x.compareTo(y));
    }

    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = VERSION_TOKEN.matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static String normalizeVersion(String version) {
        String[] parts = version.split("-", -1);
        List<String> kept = new ArrayList<>(List.of(parts));
        while (kept.size() > 1 && kept.get(kept.size() - 1).isEmpty()) {
            kept.remove(kept.size() - 1);
        }
        kept.set(0, kept.get(0).replaceFirst("[.0]+$", ""));
        return String.join("-", kept);
    }

    private static final String URI_UNRESERVED =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'();/?:@&=+$,[]";

    /** stdlib's uriescape: URI::DEFAULT_PARSER.escape, which keeps reserved and unreserved characters. */
    private static Object uriescape(List<Object> args) {
        Args a = Args.of("uriescape", args, 1, 1);
        Object v = a.get(0);
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object e : list) {
                out.add(uriEscape(RubyValues.toS(e)));
            }
            return out;
        }
        if (!(v instanceof String s)) {
            throw a.fail("uriescape(): Requires either array or string to work with");
        }
        return uriEscape(s);
    }

    private static String uriEscape(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 128 && URI_UNRESERVED.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    private static Object bool2str(List<Object> args) {
        if (args.size() != 1 && args.size() != 3) {
            throw new io.puppetplane.lang.spi.FunctionError(
                    "bool2str(): Wrong number of arguments given (" + args.size() + " for 3)");
        }
        Object v = args.get(0);
        if (!(v instanceof Boolean b)) {
            throw new io.puppetplane.lang.spi.FunctionError("bool2str(): Requires a boolean to work with");
        }
        if (args.size() == 3) {
            if (!(args.get(1) instanceof String t) || !(args.get(2) instanceof String f)) {
                throw new io.puppetplane.lang.spi.FunctionError("bool2str(): Requires strings to convert to");
            }
            return b ? t : f;
        }
        return b ? "true" : "false";
    }

    private static Object str2bool(List<Object> args) {
        if (args.size() != 1) {
            throw new io.puppetplane.lang.spi.FunctionError(
                    "str2bool(): Wrong number of arguments given (" + args.size() + " for 1)");
        }
        Object v = args.get(0);
        if (v instanceof Boolean b) {
            return b;
        }
        if (!(v instanceof String s)) {
            throw new io.puppetplane.lang.spi.FunctionError("str2bool(): Requires string to work with");
        }
        return switch (s) {
            case "", "false", "f", "no", "n", "0", "undef", "undefined" -> false;
            case "true", "t", "yes", "y", "1" -> true;
            default -> throw new io.puppetplane.lang.spi.FunctionError("str2bool(): Unknown type of boolean given");
        };
    }
}
