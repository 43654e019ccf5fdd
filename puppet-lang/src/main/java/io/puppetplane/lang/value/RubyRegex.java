package io.puppetplane.lang.value;

/** Translates the Ruby regexp syntax Puppet code uses into java.util.regex syntax. */
public final class RubyRegex {

    private RubyRegex() {
    }

    /** Ruby's \A \z \Z \h and (?<name>) work the same in Java; \h differs (hex digit in Ruby). */
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
                } else {
                    out.append(c).append(n);
                }
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
