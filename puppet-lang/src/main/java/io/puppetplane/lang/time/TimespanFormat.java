package io.puppetplane.lang.time;

import io.puppetplane.lang.value.Timespan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puppet's Timespan format: {@code %D %H %M %S %L %N} with pad flags {@code -} (none), {@code _} (space) and
 * {@code 0}, and a width. The largest unit in a format shows the total (e.g. {@code %H} of 2 days is 48); the
 * fraction directives are left-justified. The same format parses a string back into a Timespan.
 */
public final class TimespanFormat {

    /** The formats Puppet tries, in order, when a Timespan is made from a string without a format. */
    public static final List<String> DEFAULT_FORMATS = List.of("%D-%H:%M:%S.%-N", "%H:%M:%S.%-N", "%M:%S.%-N",
        "%S.%-N", "%D-%H:%M:%S", "%H:%M:%S", "%D-%H:%M", "%S");

    private static final long NS_MS = 1_000_000L;
    private static final long NS_S = 1_000_000_000L;
    private static final long NS_MIN = 60 * NS_S;
    private static final long NS_H = 60 * NS_MIN;
    private static final long NS_D = 24 * NS_H;
    private static final Map<String, TimespanFormat> CACHE = new ConcurrentHashMap<>();

    /** Units from the smallest; the ordinal is the magnitude. */
    private enum Unit {
        NANO('N', 9), MILLI('L', 3), SECOND('S', 2), MINUTE('M', 2), HOUR('H', 2), DAY('D', 1);

        final char letter;
        final int defaultWidth;

        Unit(char letter, int defaultWidth) {
            this.letter = letter;
            this.defaultWidth = defaultWidth;
        }
    }

    /** A literal (unit null) or a value directive. padChar: 0 = none ('-'), else '0' or ' '. */
    private record Segment(String literal, Unit unit, char padChar, int width, boolean total) {

        boolean fraction() {
            return unit == Unit.NANO || unit == Unit.MILLI;
        }

        int effectiveWidth() {
            return width < 0 ? unit.defaultWidth : width;
        }
    }

    private final String source;
    private final List<Segment> segments;
    private volatile Pattern regexp;

    private TimespanFormat(String source, List<Segment> segments) {
        this.source = source;
        this.segments = segments;
    }

    /** The parsed format; IllegalArgumentException worded as Puppet's for a bad specifier. */
    public static TimespanFormat parse(String format) {
        TimespanFormat cached = CACHE.get(format);
        if (cached != null) {
            return cached;
        }
        TimespanFormat parsed = compile(format);
        if (CACHE.size() < 1000) {
            CACHE.put(format, parsed);
        }
        return parsed;
    }

    private static TimespanFormat compile(String str) {
        List<Segment> out = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int highest = -1;
        boolean inSpec = false;
        boolean padState = false;
        char pad = '0';
        int width = -1;
        int start = 0;
        int[] cps = str.codePoints().toArray();
        for (int pos = 0; pos < cps.length; pos++) {
            int cp = cps[pos];
            if (!inSpec) {
                if (cp == '%') {
                    inSpec = true;
                    padState = true;
                    start = pos;
                    pad = '0';
                    width = -1;
                } else {
                    literal.appendCodePoint(cp);
                }
                continue;
            }
            Unit unit = null;
            for (Unit u : Unit.values()) {
                if (u.letter == cp) {
                    unit = u;
                }
            }
            if (cp == '%') {
                literal.append('%');
                inSpec = false;
            } else if (cp == '-' || cp == '_') {
                if (!padState) {
                    throw bad(str, start, pos);
                }
                pad = cp == '-' ? 0 : ' ';
                padState = false;
            } else if (unit != null) {
                if (literal.length() > 0) {
                    out.add(new Segment(literal.toString(), null, ' ', -1, false));
                    literal.setLength(0);
                }
                highest = Math.max(highest, unit.ordinal());
                out.add(new Segment(null, unit, pad, width, false));
                inSpec = false;
            } else if (cp >= '0' && cp <= '9') {
                if (padState && cp == '0') {
                    pad = '0';
                } else {
                    width = (width < 0 ? 0 : width * 10) + (cp - '0');
                }
                padState = false;
            } else {
                throw bad(str, start, pos);
            }
        }
        if (inSpec) {
            throw bad(str, start, cps.length - 1);
        }
        if (literal.length() > 0) {
            out.add(new Segment(literal.toString(), null, ' ', -1, false));
        }
        if (highest >= 0) {
            // The first directive of the largest unit shows the total rather than the remainder.
            for (int k = 0; k < out.size(); k++) {
                Segment s = out.get(k);
                if (s.unit() != null && s.unit().ordinal() == highest) {
                    out.set(k, new Segment(null, s.unit(), s.padChar(), s.width(), true));
                    break;
                }
            }
        }
        return new TimespanFormat(str, List.copyOf(out));
    }

    private static IllegalArgumentException bad(String format, int start, int position) {
        String expression = new String(format.codePoints().skip(start).limit(position - start).toArray(), 0,
            position - start);
        return new IllegalArgumentException("Bad format specifier '" + expression + "' in '" + format
            + "', at position " + position);
    }

    public String format(Timespan span) {
        long total = Math.abs(span.nanos());
        StringBuilder out = new StringBuilder();
        if (span.nanos() < 0) {
            out.append('-');
        }
        for (Segment s : segments) {
            if (s.unit() == null) {
                out.append(s.literal());
                continue;
            }
            long value = switch (s.unit()) {
                case DAY -> total / NS_D;
                case HOUR -> s.total() ? total / NS_H : total / NS_H % 24;
                case MINUTE -> s.total() ? total / NS_MIN : total / NS_MIN % 60;
                case SECOND -> s.total() ? total / NS_S : total / NS_S % 60;
                case MILLI -> s.total() ? total / NS_MS : total / NS_MS % 1000;
                case NANO -> nanoValue(s, total);
            };
            appendValue(out, s, value);
        }
        return out.toString();
    }

    private static long nanoValue(Segment s, long total) {
        int w = s.effectiveWidth();
        long ns = total;
        if (w < 9) {
            long scale = pow10(9 - w);
            ns /= scale;
            if (!s.total()) {
                ns %= pow10(w);
            }
        } else if (!s.total()) {
            ns %= NS_S;
        }
        return ns;
    }

    private static long pow10(int n) {
        long r = 1;
        for (int i = 0; i < n; i++) {
            r *= 10;
        }
        return r;
    }

    private static void appendValue(StringBuilder out, Segment s, long value) {
        long v = value;
        if (s.fraction() && !s.total() && s.padChar() != '0') {
            // Without zero padding a fraction drops its trailing zeros (500 ms shows as 5).
            String digits = Long.toString(v).replaceFirst("^([0-9]+?)0*$", "$1");
            v = Long.parseLong(digits);
        }
        String digits = Long.toString(v);
        if (s.padChar() == 0) {
            out.append(digits);
            return;
        }
        int w = s.effectiveWidth();
        if (s.fraction()) {
            // Fractions are left-justified in their width.
            out.append(digits);
            out.append(" ".repeat(Math.max(0, w - digits.length())));
            return;
        }
        out.append(String.valueOf(s.padChar()).repeat(Math.max(0, w - digits.length())));
        out.append(digits);
    }

    /** Reads a string written in this format; IllegalArgumentException when it does not match. */
    public Timespan parseSpan(String text) {
        Matcher m = regexp().matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(unable(text));
        }
        long nanos = 0;
        for (int k = 0; k < segments.size(); k++) {
            Segment s = segments.get(k);
            if (s.unit() == null) {
                continue;
            }
            String group = m.group(k + 1).stripLeading();
            if (!group.matches("[0-9]+")) {
                throw new IllegalArgumentException(unable(text));
            }
            nanos += segmentNanos(s, group);
        }
        return new Timespan(text.startsWith("-") ? -nanos : nanos);
    }

    private String unable(String text) {
        return "Unable to parse '" + text + "' using format '" + source + "'";
    }

    private static long segmentNanos(Segment s, String group) {
        long n = Long.parseLong(group);
        return switch (s.unit()) {
            case DAY -> n * NS_D;
            case HOUR -> n * NS_H;
            case MINUTE -> n * NS_MIN;
            case SECOND -> n * NS_S;
            case MILLI, NANO -> {
                if (s.total()) {
                    throw new IllegalArgumentException("Format specifiers %L and %N denotes fractions and must be used"
                        + " together with a specifier of higher magnitude");
                }
                int p = 9 - group.length();
                yield p <= 0 ? n : n * pow10(p);
            }
        };
    }

    private Pattern regexp() {
        Pattern p = regexp;
        if (p == null) {
            StringBuilder b = new StringBuilder("-?");
            for (Segment s : segments) {
                if (s.unit() == null) {
                    b.append('(').append(Pattern.quote(s.literal())).append(')');
                    continue;
                }
                int dw = s.unit().defaultWidth;
                if (s.width() < 0) {
                    if (s.padChar() == ' ') {
                        b.append(s.total() ? "\\s*([0-9]+)" : "([0-9\\s]{1," + dw + "})");
                    } else {
                        b.append(s.total() ? "([0-9]+)" : "([0-9]{1," + dw + "})");
                    }
                } else if (s.padChar() == 0) {
                    b.append("([0-9]{1,").append(s.width()).append("})");
                } else if (s.padChar() == '0') {
                    b.append("([0-9]{").append(s.width()).append("})");
                } else {
                    b.append("([0-9\\s]{").append(s.width()).append("})");
                }
            }
            p = Pattern.compile(b.toString());
            regexp = p;
        }
        return p;
    }

    /** Tries each format in turn, as Puppet does with its defaults. */
    public static Timespan parseAny(String text, List<String> formats) {
        for (String f : formats) {
            try {
                return parse(f).parseSpan(text);
            } catch (IllegalArgumentException e) {
                // try the next format
            }
        }
        throw new IllegalArgumentException("Unable to parse '" + text + "' using any of the formats "
            + String.join(", ", formats));
    }

    @Override
    public String toString() {
        return source;
    }
}
