package io.puppetplane.lang.time;

import io.puppetplane.lang.value.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * Ruby's {@code Time#strftime}, which Puppet's {@code strftime} applies to a Timestamp: directives with the flags
 * {@code - _ 0 ^ #}, a width, and {@code :}/{@code ::} for {@code %z}. Unknown directives are copied as written.
 * Without a timezone the time is UTC and {@code %Z} is "UTC"; with one it is a fixed offset and {@code %Z} is
 * empty, as in Ruby.
 */
public final class RubyStrftime {

    private static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday"};
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};

    private RubyStrftime() {
    }

    public static String format(Timestamp t, String format, String timezone) {
        return format(t, format, timezone, Clock.systemDefaultZone());
    }

    /** Formats in UTC (timezone null or empty) or at the offset a timezone designator names. */
    public static String format(Timestamp t, String format, String timezone, Clock clock) {
        boolean utc = timezone == null || timezone.isEmpty();
        int offset = utc ? 0 : TimeZones.offsetSeconds(timezone, clock);
        LocalDateTime local = LocalDateTime.ofEpochSecond(t.epochSecond(), t.nanoOfSecond(),
            ZoneOffset.ofTotalSeconds(offset));
        StringBuilder out = new StringBuilder(format.length() + 16);
        new Instant(local, offset, utc, t.epochSecond()).append(out, format);
        return out.toString();
    }

    /** One instant in local time with its offset: what the directives read. */
    private record Instant(LocalDateTime time, int offset, boolean utc, long epochSecond) {

        void append(StringBuilder out, String f) {
            int i = 0;
            int n = f.length();
            while (i < n) {
                char c = f.charAt(i);
                if (c != '%') {
                    out.append(c);
                    i++;
                    continue;
                }
                int start = i;
                i++;
                // As Ruby's strftime.c: flags, then a width; a flag after the width, a colon not leading to
                // 'z', or an unknown conversion is copied as written up to that character, and scanning goes on
                // after it; only a format ending inside a directive is invalid.
                String flags = ""; // rare: no builder per directive
                int width = -1;
                int colons = 0;
                char d = 0;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("invalid format: " + f);
                    }
                    char x = f.charAt(i);
                    if ("-_^#".indexOf(x) >= 0) {
                        if (width > 0) {
                            break;
                        }
                        flags += x;
                        i++;
                    } else if (x >= '0' && x <= '9') {
                        if (x == '0') {
                            flags += '0';
                        }
                        int w = 0;
                        while (i < n && Character.isDigit(f.charAt(i))) {
                            w = Math.min(w * 10 + (f.charAt(i) - '0'), 100_000);
                            i++;
                        }
                        width = w == 0 ? -1 : w;
                    } else if (x == ':') {
                        int k = i;
                        while (k < n && f.charAt(k) == ':' && k - i < 3) {
                            k++;
                        }
                        if (k < n && f.charAt(k) == 'z') {
                            colons = k - i;
                            i = k;
                            d = 'z';
                            i++;
                        }
                        break;
                    } else if (x == 'E' || x == 'O') {
                        if (i + 1 < n && (x == 'E' ? "cCxXyY" : "deHkIlmMSuUVwWy").indexOf(f.charAt(i + 1)) >= 0) {
                            // the locale modifiers change nothing in the C locale Ruby formats with
                            d = f.charAt(i + 1);
                            i += 2;
                        }
                        break;
                    } else {
                        d = x;
                        i++;
                        break;
                    }
                }
                if (d == 0 || !directive(out, d, flags, width, colons)) {
                    int through = d == 0 ? i + 1 : i;
                    out.append(f, start, through);
                    i = through;
                }
            }
        }

        private boolean directive(StringBuilder out, char d, String flags, int width, int colons) {
            LocalDateTime t = time;
            switch (d) {
                case 'Y' -> num(out, t.getYear(), 4, '0', flags, width);
                case 'C' -> num(out, Math.floorDiv(t.getYear(), 100), 2, '0', flags, width);
                case 'y' -> num(out, Math.floorMod(t.getYear(), 100), 2, '0', flags, width);
                case 'm' -> num(out, t.getMonthValue(), 2, '0', flags, width);
                case 'd' -> num(out, t.getDayOfMonth(), 2, '0', flags, width);
                case 'e' -> num(out, t.getDayOfMonth(), 2, ' ', flags, width);
                case 'j' -> num(out, t.getDayOfYear(), 3, '0', flags, width);
                case 'H' -> num(out, t.getHour(), 2, '0', flags, width);
                case 'k' -> num(out, t.getHour(), 2, ' ', flags, width);
                case 'I' -> num(out, hour12(), 2, '0', flags, width);
                case 'l' -> num(out, hour12(), 2, ' ', flags, width);
                case 'M' -> num(out, t.getMinute(), 2, '0', flags, width);
                case 'S' -> num(out, t.getSecond(), 2, '0', flags, width);
                case 'L' -> fraction(out, width < 0 ? 3 : width);
                case 'N' -> fraction(out, width < 0 ? 9 : width);
                case 's' -> num(out, epochSecond, 1, '0', flags, width);
                case 'u' -> num(out, t.getDayOfWeek().getValue(), 1, '0', flags, width);
                case 'w' -> num(out, t.getDayOfWeek().getValue() % 7, 1, '0', flags, width);
                case 'U' -> num(out, (t.getDayOfYear() - 1 + 7 - t.getDayOfWeek().getValue() % 7) / 7, 2, '0', flags,
                    width);
                case 'W' -> num(out, (t.getDayOfYear() - 1 + 7 - (t.getDayOfWeek().getValue() + 6) % 7) / 7, 2, '0',
                    flags, width);
                case 'G' -> num(out, t.get(IsoFields.WEEK_BASED_YEAR), 4, '0', flags, width);
                case 'g' -> num(out, Math.floorMod(t.get(IsoFields.WEEK_BASED_YEAR), 100), 2, '0', flags, width);
                case 'V' -> num(out, t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, '0', flags, width);
                case 'A' -> text(out, DAYS[t.getDayOfWeek().getValue() % 7], flags, width, false);
                case 'a' -> text(out, DAYS[t.getDayOfWeek().getValue() % 7].substring(0, 3), flags, width, false);
                case 'B' -> text(out, MONTHS[t.getMonthValue() - 1], flags, width, false);
                case 'b', 'h' -> text(out, MONTHS[t.getMonthValue() - 1].substring(0, 3), flags, width, false);
                case 'p' -> text(out, t.getHour() < 12 ? "AM" : "PM", flags, width, true);
                case 'P' -> text(out, t.getHour() < 12 ? "am" : "pm", flags, width, false);
                case 'Z' -> {
                    // a zone without a name stays empty whatever the width
                    if (utc) {
                        text(out, "UTC", flags, width, true);
                    }
                }
                case 'z' -> zoneOffset(out, colons, flags, width);
                case 'n' -> text(out, "\n", flags, width, false);
                case 't' -> text(out, "\t", flags, width, false);
                case '%' -> text(out, "%", flags, width, false);
                case 'c' -> composite(out, "%a %b %e %H:%M:%S %Y", flags, width);
                case 'D', 'x' -> composite(out, "%m/%d/%y", flags, width);
                case 'F' -> composite(out, "%Y-%m-%d", flags, width);
                case 'T', 'X' -> composite(out, "%H:%M:%S", flags, width);
                case 'R' -> composite(out, "%H:%M", flags, width);
                case 'r' -> composite(out, "%I:%M:%S %p", flags, width);
                case 'v' -> composite(out, "%e-%^b-%4Y", flags, width);
                default -> {
                    return false;
                }
            }
            return true;
        }

        private int hour12() {
            int h = time.getHour() % 12;
            return h == 0 ? 12 : h;
        }

        /** Fraction digits: the first {@code digits} of the nanoseconds, zero-filled beyond nine. */
        private void fraction(StringBuilder out, int digits) {
            String nanos = String.format(Locale.ROOT, "%09d", time.getNano());
            if (digits <= 9) {
                out.append(nanos, 0, digits);
            } else {
                out.append(nanos).append("0".repeat(digits - 9));
            }
        }

        /**
         * %z: the '-' flag only marks UTC as "-0000" (an unknown local offset, as in RFC 3339); '_' drops the
         * hours' leading zero and pads with spaces before the sign; a width pads with zeros after the sign.
         */
        private void zoneOffset(StringBuilder out, int colons, String flags, int width) {
            int abs = Math.abs(offset);
            // '-' resets the padding an earlier '_' asked for
            boolean spacePad = flags.lastIndexOf('_') > Math.max(flags.lastIndexOf('0'), flags.lastIndexOf('-'));
            StringBuilder z = new StringBuilder();
            z.append(offset < 0 || (utc && flags.indexOf('-') >= 0) ? '-' : '+');
            z.append(spacePad ? Integer.toString(abs / 3600) : String.format(Locale.ROOT, "%02d", abs / 3600));
            if (colons > 0) {
                z.append(':');
            }
            z.append(String.format(Locale.ROOT, "%02d", abs / 60 % 60));
            if (colons > 1) {
                z.append(':').append(String.format(Locale.ROOT, "%02d", abs % 60));
            }
            if (spacePad) {
                int full = Math.max(width, 5 + (colons == 0 ? 0 : colons == 1 ? 1 : 4));
                appendRepeated(out, ' ', full - z.length());
                out.append(z);
                return;
            }
            out.append(z.charAt(0));
            appendRepeated(out, '0', width - z.length());
            out.append(z, 1, z.length());
        }

        /** A combination such as %c: '^' upcases it and a width pads it, even with the '-' flag. */
        private void composite(StringBuilder out, String expansion, String flags, int width) {
            StringBuilder inner = new StringBuilder();
            append(inner, expansion);
            // '-' does not stop the padding here, but it does cancel an earlier '0'
            String f = flags.lastIndexOf('-') > flags.lastIndexOf('0') ? flags.replace("0", "") : flags;
            text(out, inner.toString(), f.replace("#", "").replace("-", ""), width, false);
        }

        private static void num(StringBuilder out, long value, int defaultWidth, char defaultPad, String flags,
            int width) {
            String digits = Long.toString(Math.abs(value));
            String sign = value < 0 ? "-" : "";
            if (flags.indexOf('-') >= 0) {
                out.append(sign).append(digits);
                return;
            }
            char pad = padding(flags, defaultPad);
            int w = width < 0 ? defaultWidth : width;
            int fill = w - sign.length() - digits.length();
            if (pad == '0') {
                out.append(sign);
                appendRepeated(out, '0', fill);
            } else {
                appendRepeated(out, ' ', fill);
                out.append(sign);
            }
            out.append(digits);
        }

        /** Alphabetic directives: ^ upcases; # swaps case (lowercases the all-capital ones such as %p and %Z). */
        private static void text(StringBuilder out, String value, String flags, int width, boolean capitalSwap) {
            String v = value;
            if (capitalSwap && flags.indexOf('#') >= 0) {
                v = v.toLowerCase(Locale.ROOT);
            } else if (flags.indexOf('^') >= 0 || flags.indexOf('#') >= 0) {
                v = v.toUpperCase(Locale.ROOT);
            }
            if (width > v.length() && flags.indexOf('-') < 0) {
                appendRepeated(out, padding(flags, ' '), width - v.length());
            }
            out.append(v);
        }

        /** The later of '_' (spaces) and '0' (zeros) wins, as in Ruby. */
        private static char padding(String flags, char defaultPad) {
            int space = flags.lastIndexOf('_');
            int zero = flags.lastIndexOf('0');
            return space < 0 && zero < 0 ? defaultPad : space > zero ? ' ' : '0';
        }

        private static void appendRepeated(StringBuilder out, char c, int count) {
            for (int k = 0; k < count; k++) {
                out.append(c);
            }
        }
    }
}
