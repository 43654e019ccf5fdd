package io.puppetplane.lang.value;

/** Translates the Ruby regexp syntax Puppet code uses into java.util.regex syntax. */
public final class RubyRegex {

    private RubyRegex() {
    }

    private static final String[][] POSIX = {{"[:alnum:]", "\\p{Alnum}"}, {"[:alpha:]", "\\p{Alpha}"},
        {"[:digit:]", "\\p{Digit}"}, {"[:space:]", "\\s"}, {"[:upper:]", "\\p{Upper}"}, {"[:lower:]", "\\p{Lower}"},
        {"[:punct:]", "\\p{Punct}"}, {"[:xdigit:]", "\\p{XDigit}"}, {"[:word:]", "\\w"}, {"[:blank:]", "\\p{Blank}"},
        {"[:cntrl:]", "\\p{Cntrl}"}, {"[:print:]", "\\p{Print}"}, {"[:graph:]", "\\p{Graph}"}};

    /**
     * Ruby's \A \z \Z and (?<name>) work the same in Java; \h (hex digit), \0 (NUL) and POSIX bracket
     * classes ([[:alnum:]]) need translating.
     */
    public static String toJava(String ruby) {
        StringBuilder out = new StringBuilder(ruby.length());
        for (int i = 0; i < ruby.length(); i++) {
            char c = ruby.charAt(i);
            if (c == '\\' && i + 1 < ruby.length()) {
                char n = ruby.charAt(i + 1);
                if (n == 'h') {
                    out.append("[0-9a-fA-F]");
                } else if (n == 'H') {
                    out.append("[^0-9a-fA-F]");
                } else if (n == '0' && (i + 2 >= ruby.length() || !Character.isDigit(ruby.charAt(i + 2)))) {
                    out.append("\\x00");
                } else {
                    out.append(c).append(n);
                }
                i++;
                continue;
            }
            if (c == '[' && ruby.startsWith("[:", i)) {
                boolean replaced = false;
                for (String[] p : POSIX) {
                    if (ruby.startsWith(p[0], i)) {
                        out.append(p[1]);
                        i += p[0].length() - 1;
                        replaced = true;
                        break;
                    }
                }
                if (replaced) {
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
