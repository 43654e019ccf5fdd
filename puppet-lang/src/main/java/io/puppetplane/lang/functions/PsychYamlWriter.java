package io.puppetplane.lang.functions;

import io.puppetplane.lang.erb.RubyValues;
import io.puppetplane.lang.spi.FunctionError;
import io.puppetplane.lang.types.Types;
import io.puppetplane.lang.value.Timespan;
import io.puppetplane.lang.value.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes the value model as Ruby's {@code Object#to_yaml} does (Psych choosing a style per string, libyaml emitting
 * it with its default width of 80): {@code ---} header, block mappings with indentless sequences, quoting of
 * strings that would read back as another type, literal blocks for multi-line strings, and libyaml's folding of
 * long plain and quoted scalars at spaces.
 */
public final class PsychYamlWriter {

    private static final int BEST_WIDTH = 80;
    private static final int INDENT = 2;

    private enum Style { PLAIN, SINGLE, DOUBLE, LITERAL }

    // Psych's ScalarScanner patterns (Ruby ^/$ are line anchors, so MULTILINE with \n as the only terminator).
    private static final Pattern WORDY = Pattern.compile(
        "(?md)^[^\\d.:-]?[\\p{IsAlphabetic}_\\s!@#$%^&*(){}<>|/\\\\~;=]+");
    private static final Pattern NOT_YTONF = Pattern.compile("(?imd)^[^ytonf~]");
    private static final Pattern NULL = Pattern.compile("(?imd)^null$");
    private static final Pattern BOOL = Pattern.compile("(?imd)^(yes|true|on|no|false|off)$");
    private static final Pattern TIME = Pattern.compile(
        "(?md)^-?\\d{4}-\\d{1,2}-\\d{1,2}(?:[Tt]|\\s+)\\d{1,2}:\\d\\d:\\d\\d(?:\\.\\d*)?(?:\\s*(?:Z|[-+]\\d{1,2}:?(?:\\d\\d)?))?$");
    private static final Pattern DATE = Pattern.compile("(?md)^(\\d{4})-(1[012]|0\\d|\\d)-([12]\\d|3[01]|0\\d|\\d)$");
    private static final Pattern SPECIAL_FLOAT = Pattern.compile("(?imd)^(?:\\+?\\.inf|-\\.inf|\\.nan)$");
    private static final Pattern SYMBOL = Pattern.compile("(?md)^:.");
    private static final Pattern SEXAGESIMAL = Pattern.compile("(?md)^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}(\\.[0-9_]*)?$");
    private static final Pattern FLOAT = Pattern.compile("(?md)^(?:[-+]?([0-9][0-9_,]*)?\\.[0-9]*([eE][-+][0-9]+)?)$");
    private static final Pattern LONE_DOT = Pattern.compile("[-+]?\\.");
    private static final Pattern INTEGER = Pattern.compile("(?md)^(?:[-+]?0b[0-1_,]+|[-+]?0[0-7_,]+"
        + "|[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|[-+]?0x[0-9a-fA-F_,]+)$");
    private static final Pattern OCTAL_LIKE = Pattern.compile("\\A0[0-7]*[89]");
    private static final Pattern INNER_NEWLINE = Pattern.compile("\n(?!\\z|\n\\z)");
    private static final Pattern NON_WORD_LINE = Pattern.compile("(?md)^[^\\p{L}\\p{M}\\p{Nd}\\p{Pc}][^\"]*$");

    private final StringBuilder out = new StringBuilder();
    /** The last block scalar was "|+" (keeps trailing breaks), so libyaml ends the document with "...". */
    private boolean openEnded;

    private PsychYamlWriter() {
    }

    public static String dump(Object value) {
        PsychYamlWriter w = new PsychYamlWriter();
        w.out.append("---");
        if (isBlockCollection(value)) {
            w.out.append('\n');
            w.node(value, 0, false);
        } else if (value instanceof Timestamp || value instanceof Timespan) {
            w.out.append(' ');
            w.timeObject(value, 0);
        } else if (value != null) {
            w.out.append(' ');
            w.node(value, INDENT, false);
        }
        if (!isBreak(w.out.charAt(w.out.length() - 1))) {
            w.out.append('\n');
        }
        if (w.openEnded) {
            w.out.append("...\n");
        }
        return w.out.toString();
    }

    private static boolean isBlockCollection(Object v) {
        return (v instanceof List<?> l && !l.isEmpty()) || (v instanceof Map<?, ?> m && !m.isEmpty());
    }

    /** Writes a node where the cursor is; block collections start with their first entry here. */
    private void node(Object v, int indent, boolean simpleKey) {
        if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                out.append("{}");
                return;
            }
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    newLine(indent);
                }
                first = false;
                if (e.getKey() instanceof String k && !isSimpleKey(k)) {
                    // libyaml writes a multi-line or long key as an explicit "? key" / ": value" pair, the value's
                    // collection starting on the ": " line like a sequence item's
                    out.append("? ");
                    string(k, indent + INDENT, false);
                    newLine(indent);
                    out.append(':');
                    value(e.getValue(), indent, false);
                } else {
                    key(e.getKey());
                    out.append(':');
                    value(e.getValue(), indent, true);
                }
            }
        } else if (v instanceof List<?> l) {
            if (l.isEmpty()) {
                out.append("[]");
                return;
            }
            boolean first = true;
            for (Object item : l) {
                if (!first) {
                    newLine(indent);
                }
                first = false;
                out.append('-');
                value(item, indent, false);
            }
        } else {
            scalar(v, indent, simpleKey);
        }
    }

    /** Psych dumps Puppet's time values as Ruby objects: a tag and their one instance variable. */
    private void timeObject(Object v, int contentIndent) {
        Object nanos = v instanceof Timestamp ts ? ts.totalNanos() : ((Timespan) v).nanos();
        out.append("!ruby/object:Puppet::Pops::Time::").append(v instanceof Timestamp ? "Timestamp" : "Timespan");
        newLine(contentIndent);
        out.append("nsecs: ").append(nanos);
    }

    /** The value after "key:" (inMapping) or "-": nested collections go on the next lines. */
    private void value(Object v, int indent, boolean inMapping) {
        if (v == null) {
            return;
        }
        if (v instanceof Timestamp || v instanceof Timespan) {
            out.append(' ');
            timeObject(v, indent + INDENT);
            return;
        }
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            if (inMapping) {
                newLine(indent + INDENT);
            } else {
                out.append(' ');
            }
            node(v, indent + INDENT, false);
            return;
        }
        if (v instanceof List<?> l && !l.isEmpty()) {
            if (inMapping) {
                // libyaml writes a sequence in a mapping without indenting it
                newLine(indent);
                node(v, indent, false);
            } else {
                out.append(' ');
                node(v, indent + INDENT, false);
            }
            return;
        }
        out.append(' ');
        node(v, indent + INDENT, false);
    }

    private static boolean isSimpleKey(String k) {
        return k.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 128
            && k.codePoints().noneMatch(PsychYamlWriter::isBreak);
    }

    private void key(Object k) {
        if (k instanceof List || k instanceof Map) {
            throw new FunctionError("to_yaml(): a Hash key that is an Array or a Hash is not supported here");
        }
        if (k == null) {
            out.append("! ''");
            return;
        }
        scalar(k, 0, true);
    }

    private void newLine(int indent) {
        if (!isBreak(out.charAt(out.length() - 1))) {
            out.append('\n');
        }
        out.append(" ".repeat(indent));
    }

    /** The column libyaml counts: characters since the last line break of any kind. */
    private int column() {
        int i = out.length();
        while (i > 0 && !isBreak(out.charAt(i - 1))) {
            i--;
        }
        return out.codePointCount(i, out.length());
    }

    private void scalar(Object v, int indent, boolean simpleKey) {
        if (v instanceof String s) {
            string(s, indent, simpleKey);
        } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer) {
            out.append(v);
        } else if (v instanceof Double d) {
            out.append(d.isNaN() ? ".nan" : d.isInfinite() ? (d > 0 ? ".inf" : "-.inf") : RubyValues.floatToS(d));
        } else {
            throw new FunctionError("to_yaml(): a " + Types.argumentTypeName(v) + " value is not supported here");
        }
    }

    private void string(String s, int indent, boolean simpleKey) {
        if (s.equals("<<")) {
            out.append("!!str '<<'");
            return;
        }
        Analysis a = Analysis.of(s);
        Style style = psychStyle(s);
        if (style == Style.LITERAL && (!a.blockAllowed || simpleKey)) {
            style = Style.DOUBLE;
        }
        if (style == Style.PLAIN && (!a.blockPlainAllowed || (s.isEmpty() && simpleKey))) {
            style = Style.SINGLE;
        }
        if (style == Style.SINGLE && (!a.singleQuotedAllowed || (simpleKey && a.multiline))) {
            style = Style.DOUBLE;
        }
        boolean breaks = !simpleKey;
        switch (style) {
            case PLAIN -> plain(s, indent, breaks);
            case SINGLE -> single(s, indent, breaks);
            case DOUBLE -> doubleQuoted(s, indent, breaks);
            case LITERAL -> literal(s, indent);
        }
    }

    /** The style Psych asks for (libyaml may still refuse it). */
    private static Style psychStyle(String s) {
        if (INNER_NEWLINE.matcher(s).find()) {
            return Style.LITERAL;
        }
        if (s.equals("y") || s.equals("n")) {
            return Style.DOUBLE;
        }
        if (NON_WORD_LINE.matcher(s).find()) {
            return Style.DOUBLE;
        }
        if (!readsBackAsString(s) || OCTAL_LIKE.matcher(s).find()) {
            return Style.SINGLE;
        }
        return Style.PLAIN;
    }

    /** Psych's ScalarScanner#tokenize returns a String for this plain scalar (and not nil, a number, a date...). */
    private static boolean readsBackAsString(String s) {
        if (s.isEmpty()) {
            return false;
        }
        if (WORDY.matcher(s).find() || s.indexOf('\n') >= 0) {
            if (s.length() > 5 || NOT_YTONF.matcher(s).find()) {
                return true;
            }
            return !(s.equals("~") || NULL.matcher(s).find() || BOOL.matcher(s).find());
        }
        if (TIME.matcher(s).find()) {
            return false;
        }
        var date = DATE.matcher(s);
        if (date.find()) {
            try {
                java.time.LocalDate.of(Integer.parseInt(date.group(1)), Integer.parseInt(date.group(2)),
                    Integer.parseInt(date.group(3)));
                return false;
            } catch (java.time.DateTimeException e) {
                return true;
            }
        }
        if (SPECIAL_FLOAT.matcher(s).find() || SYMBOL.matcher(s).find() || SEXAGESIMAL.matcher(s).find()) {
            return false;
        }
        if (FLOAT.matcher(s).find()) {
            return LONE_DOT.matcher(s).matches();
        }
        return !INTEGER.matcher(s).find();
    }

    /** libyaml's analysis of which styles can carry a scalar. */
    private record Analysis(boolean blockPlainAllowed, boolean singleQuotedAllowed, boolean blockAllowed,
        boolean multiline) {

        static Analysis of(String s) {
            if (s.isEmpty()) {
                return new Analysis(true, true, false, false);
            }
            boolean blockIndicators = s.startsWith("---") || s.startsWith("...");
            boolean special = false;
            boolean lineBreaks = false;
            boolean leadingSpace = false;
            boolean leadingBreak = false;
            boolean trailingSpace = false;
            boolean trailingBreak = false;
            boolean breakSpace = false;
            boolean spaceBreak = false;
            boolean previousSpace = false;
            boolean previousBreak = false;
            boolean precededByWhitespace = true;
            int[] cps = s.codePoints().toArray();
            for (int i = 0; i < cps.length; i++) {
                int c = cps[i];
                boolean followedByWhitespace = i + 1 >= cps.length || isBlankOrBreak(cps[i + 1]);
                if (i == 0) {
                    if ("#,[]{}&*!|>'\"%@`".indexOf(c) >= 0) {
                        blockIndicators = true;
                    }
                    if ((c == '?' || c == ':' || c == '-') && followedByWhitespace) {
                        blockIndicators = true;
                    }
                } else {
                    if (c == ':' && followedByWhitespace) {
                        blockIndicators = true;
                    }
                    if (c == '#' && precededByWhitespace) {
                        blockIndicators = true;
                    }
                }
                if (!printable(c)) {
                    special = true;
                }
                if (isBreak(c)) {
                    lineBreaks = true;
                }
                if (c == ' ') {
                    if (i == 0) {
                        leadingSpace = true;
                    }
                    if (i == cps.length - 1) {
                        trailingSpace = true;
                    }
                    if (previousBreak) {
                        breakSpace = true;
                    }
                    previousSpace = true;
                    previousBreak = false;
                } else if (isBreak(c)) {
                    if (i == 0) {
                        leadingBreak = true;
                    }
                    if (i == cps.length - 1) {
                        trailingBreak = true;
                    }
                    if (previousSpace) {
                        spaceBreak = true;
                    }
                    previousSpace = false;
                    previousBreak = true;
                } else {
                    previousSpace = false;
                    previousBreak = false;
                }
                precededByWhitespace = isBlankOrBreak(c);
            }
            boolean blockPlain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || breakSpace
                || spaceBreak || special || lineBreaks || blockIndicators);
            boolean single = !(breakSpace || spaceBreak || special);
            boolean block = !(trailingSpace || spaceBreak || special);
            return new Analysis(blockPlain, single, block, lineBreaks);
        }
    }

    private static boolean isBreak(int c) {
        return c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    private static boolean isBlankOrBreak(int c) {
        return c == ' ' || c == '\t' || isBreak(c) || c == 0;
    }

    /** libyaml's IS_PRINTABLE (no characters beyond the Basic Multilingual Plane). */
    private static boolean printable(int c) {
        return c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF)
            || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);
    }

    private void plain(String s, int indent, boolean allowBreaks) {
        int[] cps = s.codePoints().toArray();
        boolean spaces = false;
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (c == ' ') {
                if (allowBreaks && !spaces && column() > BEST_WIDTH && i + 1 < cps.length && cps[i + 1] != ' ') {
                    writeIndent(indent);
                } else {
                    out.append(' ');
                }
                spaces = true;
            } else {
                out.appendCodePoint(c);
                spaces = false;
            }
        }
    }

    private void single(String s, int indent, boolean allowBreaks) {
        out.append('\'');
        int[] cps = s.codePoints().toArray();
        boolean spaces = false;
        boolean breaks = false;
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (c == ' ') {
                if (allowBreaks && !spaces && column() > BEST_WIDTH && i != 0 && i != cps.length - 1
                    && cps[i + 1] != ' ') {
                    writeIndent(indent);
                } else {
                    out.append(' ');
                }
                spaces = true;
            } else if (isBreak(c)) {
                // a line feed is doubled to survive folding; other breaks are written as they are
                if (!breaks && c == '\n') {
                    out.append('\n');
                }
                out.appendCodePoint(c);
                breaks = true;
            } else {
                if (breaks) {
                    out.append(" ".repeat(indent));
                }
                if (c == '\'') {
                    out.append('\'');
                }
                out.appendCodePoint(c);
                spaces = false;
                breaks = false;
            }
        }
        if (breaks) {
            out.append(" ".repeat(indent));
        }
        out.append('\'');
    }

    private void doubleQuoted(String s, int indent, boolean allowBreaks) {
        out.append('"');
        int[] cps = s.codePoints().toArray();
        boolean spaces = false;
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (!printable(c) || c == 0xFEFF || isBreak(c) || c == '"' || c == '\\') {
                out.append('\\');
                switch (c) {
                    case 0 -> out.append('0');
                    case 7 -> out.append('a');
                    case 8 -> out.append('b');
                    case 9 -> out.append('t');
                    case 10 -> out.append('n');
                    case 11 -> out.append('v');
                    case 12 -> out.append('f');
                    case 13 -> out.append('r');
                    case 27 -> out.append('e');
                    case '"' -> out.append('"');
                    case '\\' -> out.append('\\');
                    case 0x85 -> out.append('N');
                    case 0xA0 -> out.append('_');
                    case 0x2028 -> out.append('L');
                    case 0x2029 -> out.append('P');
                    default -> {
                        if (c <= 0xFF) {
                            out.append(String.format("x%02X", c));
                        } else if (c <= 0xFFFF) {
                            out.append(String.format("u%04X", c));
                        } else {
                            out.append(String.format("U%08X", c));
                        }
                    }
                }
                spaces = false;
            } else if (c == ' ') {
                if (allowBreaks && !spaces && column() > BEST_WIDTH && i != 0 && i != cps.length - 1) {
                    writeIndent(indent);
                    if (cps[i + 1] == ' ') {
                        out.append('\\');
                    }
                } else {
                    out.append(' ');
                }
                spaces = true;
            } else {
                out.appendCodePoint(c);
                spaces = false;
            }
        }
        out.append('"');
    }

    /** A literal block: "|" with an indentation hint for a leading space or break and the chomping indicator. */
    private void literal(String s, int indent) {
        out.append('|');
        if (s.charAt(0) == ' ' || isBreak(s.charAt(0))) {
            out.append(INDENT);
        }
        // only the last block scalar of the document decides whether it ends open
        openEnded = false;
        if (!isBreak(s.charAt(s.length() - 1))) {
            out.append('-');
        } else if (s.length() == 1 || isBreak(s.charAt(s.length() - 2))) {
            out.append('+');
            openEnded = true;
        }
        out.append('\n');
        boolean breaks = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isBreak(c)) {
                out.append(c);
                breaks = true;
            } else {
                if (breaks) {
                    out.append(" ".repeat(indent));
                    breaks = false;
                }
                out.append(c);
            }
        }
    }

    private void writeIndent(int indent) {
        out.append('\n').append(" ".repeat(indent));
    }
}
