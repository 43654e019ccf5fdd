package io.puppetplane.lang.value;

import java.util.HashMap;
import java.util.Map;

/**
 * Translates the Ruby (Onigmo) regexp syntax Puppet code uses into java.util.regex syntax. Compile the result with
 * {@link java.util.regex.Pattern#MULTILINE}: in Ruby {@code ^} and {@code $} always match at line boundaries.
 */
public final class RubyRegex {

    private RubyRegex() {
    }

    private static final String[][] POSIX = {{"[:alnum:]", "\\p{Alnum}"}, {"[:alpha:]", "\\p{Alpha}"},
        {"[:digit:]", "\\p{Digit}"}, {"[:space:]", "\\s"}, {"[:upper:]", "\\p{Upper}"}, {"[:lower:]", "\\p{Lower}"},
        {"[:punct:]", "\\p{Punct}"}, {"[:xdigit:]", "\\p{XDigit}"}, {"[:word:]", "\\w"}, {"[:blank:]", "\\p{Blank}"},
        {"[:cntrl:]", "\\p{Cntrl}"}, {"[:print:]", "\\p{Print}"}, {"[:graph:]", "\\p{Graph}"}};

    /**
     * Ruby's \A \z \Z, lookarounds, possessive and atomic groups work the same in Java. What differs: \h and \H
     * (hex digit), \0 (NUL), POSIX bracket classes ([[:alnum:]]), the quantifier {,n} and a brace that starts no
     * quantifier (literal in Ruby), a ']' first in a class (literal in Ruby), group names with underscores (Java allows letters and digits only) and the m flag (Ruby's dot-matches-newline is Java's s).
     */
    public static String toJava(String ruby) {
        StringBuilder out = new StringBuilder(ruby.length() + 8);
        Map<String, String> groupNames = new HashMap<>();
        int classDepth = 0;
        for (int i = 0; i < ruby.length(); i++) {
            char c = ruby.charAt(i);
            if (c == '\\' && i + 1 < ruby.length()) {
                char n = ruby.charAt(i + 1);
                i++;
                if (n == 'h') {
                    out.append(classDepth > 0 ? "0-9a-fA-F" : "[0-9a-fA-F]");
                } else if (n == 'H') {
                    out.append("[^0-9a-fA-F]");
                } else if (n == '0' && (i + 1 >= ruby.length() || !Character.isDigit(ruby.charAt(i + 1)))) {
                    out.append("\\x00");
                } else if (n == 'k' && i + 1 < ruby.length() && ruby.charAt(i + 1) == '<') {
                    int end = ruby.indexOf('>', i + 2);
                    if (end < 0) {
                        out.append("\\k");
                    } else {
                        out.append("\\k<").append(javaGroupName(ruby.substring(i + 2, end), groupNames)).append('>');
                        i = end;
                    }
                } else {
                    out.append(c).append(n);
                    if ((n == 'p' || n == 'P') && i + 1 < ruby.length() && ruby.charAt(i + 1) == '{') {
                        int end = ruby.indexOf('}', i + 1);
                        if (end > 0) {
                            out.append(ruby, i + 1, end + 1);
                            i = end;
                        }
                    }
                }
                continue;
            }
            if (classDepth > 0) {
                if (c == '[' && ruby.startsWith("[:", i)) {
                    String posix = posix(ruby, i);
                    if (posix != null) {
                        out.append(POSIX_JAVA.get(posix));
                        i += posix.length() - 1;
                        continue;
                    }
                }
                if (c == '[') {
                    classDepth++;
                    out.append(c);
                    if (i + 1 < ruby.length() && ruby.charAt(i + 1) == '^') {
                        out.append('^');
                        i++;
                    }
                    if (i + 1 < ruby.length() && ruby.charAt(i + 1) == ']') {
                        out.append("\\]"); // a ']' first in a class is literal in Ruby
                        i++;
                    }
                } else if (c == ']') {
                    classDepth--;
                    out.append(c);
                } else {
                    out.append(c);
                }
                continue;
            }
            switch (c) {
                case '[' -> {
                    classDepth = 1;
                    out.append(c);
                    if (i + 1 < ruby.length() && ruby.charAt(i + 1) == '^') {
                        out.append('^');
                        i++;
                    }
                    if (i + 1 < ruby.length() && ruby.charAt(i + 1) == ']') {
                        out.append("\\]");
                        i++;
                    }
                }
                case '{' -> {
                    int end = quantifierEnd(ruby, i);
                    if (end < 0) {
                        out.append("\\{");
                    } else {
                        String q = ruby.substring(i, end + 1);
                        out.append(q.startsWith("{,") ? "{0" + q.substring(1) : q);
                        i = end;
                    }
                }
                case '(' -> i = group(ruby, i, out, groupNames);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final Map<String, String> POSIX_JAVA = new HashMap<>();

    static {
        for (String[] p : POSIX) {
            POSIX_JAVA.put(p[0], p[1]);
        }
    }

    private static String posix(String s, int i) {
        for (String[] p : POSIX) {
            if (s.startsWith(p[0], i)) {
                return p[0];
            }
        }
        return null;
    }

    /** The index of the '}' closing a quantifier {n}, {n,}, {,m} or {n,m} that starts at i; -1 if none does. */
    private static int quantifierEnd(String s, int i) {
        int j = i + 1;
        int digitsBefore = 0;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
            j++;
            digitsBefore++;
        }
        int digitsAfter = 0;
        boolean comma = j < s.length() && s.charAt(j) == ',';
        if (comma) {
            j++;
            while (j < s.length() && Character.isDigit(s.charAt(j))) {
                j++;
                digitsAfter++;
            }
        }
        if (j >= s.length() || s.charAt(j) != '}' || (digitsBefore == 0 && digitsAfter == 0)) {
            return -1;
        }
        return j;
    }

    /** Copies a group opening at i, translating named groups and inline flags; returns the last index used. */
    private static int group(String s, int i, StringBuilder out, Map<String, String> groupNames) {
        if (!s.startsWith("(?", i)) {
            out.append('(');
            return i;
        }
        if (s.startsWith("(?<", i) && i + 3 < s.length() && s.charAt(i + 3) != '=' && s.charAt(i + 3) != '!') {
            int end = s.indexOf('>', i + 3);
            if (end > 0) {
                out.append("(?<").append(javaGroupName(s.substring(i + 3, end), groupNames)).append('>');
                return end;
            }
        }
        int j = i + 2;
        while (j < s.length() && "imx-".indexOf(s.charAt(j)) >= 0) {
            j++;
        }
        if (j > i + 2 && j < s.length() && (s.charAt(j) == ')' || s.charAt(j) == ':')) {
            out.append("(?").append(s.substring(i + 2, j).replace('m', 's'));
            return j - 1;
        }
        out.append("(?");
        return i + 1;
    }

    private static String javaGroupName(String ruby, Map<String, String> names) {
        return names.computeIfAbsent(ruby, n -> {
            String clean = n.replaceAll("[^A-Za-z0-9]", "");
            if (clean.isEmpty() || !Character.isLetter(clean.charAt(0))) {
                clean = "g" + clean;
            }
            return clean.equals(n) ? n : clean + "x" + names.size();
        });
    }
}
