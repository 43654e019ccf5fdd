package io.puppetplane.lang.functions;

import java.util.List;
import java.util.regex.Pattern;

/** Ruby's String operations shared with the ERB interpreter: sub/gsub, split, strip, chomp and sprintf. */
public final class RubyText {

    private RubyText() {
    }

    /** Ruby's sub (global false) or gsub (global true) with a replacement string (\1, \&, \k&lt;name&gt;). */
    public static String substitute(String s, Pattern pattern, String replacement, boolean global) {
        return StringFunctions.substitute(s, pattern, replacement, global);
    }

    /** Ruby's String#split with a Regexp: trailing empty fields dropped. */
    public static List<Object> split(String s, Pattern pattern) {
        return StringFunctions.rubySplit(s, pattern);
    }

    public static String strip(String s) {
        return StringFunctions.strip(s);
    }

    public static String lstrip(String s) {
        return StringFunctions.lstrip(s);
    }

    public static String rstrip(String s) {
        return StringFunctions.rstrip(s);
    }

    public static String chomp(String s) {
        return StringFunctions.chomp(s);
    }

    /** Ruby's Kernel#sprintf. */
    public static String sprintf(String format, List<Object> args) {
        return RubyFormat.sprintf(format, args);
    }
}
