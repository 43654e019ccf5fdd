package io.puppetplane.lang.time;

import io.puppetplane.lang.value.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Timestamp from a string as Puppet's {@code Timestamp.new(string[, format[, timezone]])} does, with the
 * subset of Ruby's {@code DateTime._strptime} directives that time formats use. A string without a zone is UTC
 * (or in the timezone argument).
 */
public final class TimestampParser {

    /** Tried in order when no format is given and no timezone argument either. */
    public static final List<String> DEFAULT_FORMATS = List.of("%FT%T.%N %Z", "%FT%T %Z", "%F %T.%N %Z",
        "%F %T %Z", "%F %Z", "%FT%T.%N", "%FT%T", "%F %T.%N", "%F %T", "%F");
    /** Tried in order when a timezone argument is given: a zone in the string would contradict it. */
    public static final List<String> DEFAULT_FORMATS_WITHOUT_ZONE = List.of("%FT%T.%N", "%FT%T", "%F %T.%N",
        "%F %T", "%F");

    private static final String ZONE = "((?i)(?:gmt|utc?)?[-+]\\d+(?:[,.:]\\d+(?::\\d+)?)?"
        + "|[a-z.\\s]+(?:standard|daylight)\\s+time\\b|[a-z]+(?:\\sdst)?\\b)";
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
        "nov", "dec"};

    private TimestampParser() {
    }

    /** The fields one format read from a string; null fields were not in the format. */
    private static final class Fields {
        Integer year;
        Integer month;
        Integer day;
        Integer yday; // range-checked, but Ruby Puppet builds the date without it
        Integer hour;
        Integer minute;
        Integer second;
        long nanos;
        String zone;
        Boolean pm;
        boolean twelveHour;
    }

    /**
     * Parses with the given formats (null: the defaults; formatList false: one format given as a string), in the
     * timezone (null or empty: none given). IllegalArgumentException carries Puppet's wording.
     */
    public static Timestamp parse(String text, List<String> formats, boolean formatList, String timezone,
        Clock clock) {
        boolean hasTimezone = timezone != null && !timezone.isEmpty();
        List<String> fs = formats != null ? formats
            : hasTimezone ? DEFAULT_FORMATS_WITHOUT_ZONE : DEFAULT_FORMATS;
        Fields parsed = null;
        if (formats == null || formatList) {
            for (String f : fs) {
                Fields candidate = read(text, f);
                if (candidate != null && !(hasTimezone && candidate.zone != null)) {
                    parsed = candidate;
                    break;
                }
            }
            if (parsed == null) {
                throw new IllegalArgumentException("Unable to parse '" + text + "' using any of the formats "
                    + String.join(", ", fs));
            }
        } else {
            parsed = read(text, fs.get(0));
            if (parsed == null) {
                throw new IllegalArgumentException("Unable to parse '" + text + "' using format '" + fs.get(0) + "'");
            }
            if (hasTimezone && parsed.zone != null) {
                throw new IllegalArgumentException("Using a Timezone designator in format specification is mutually"
                    + " exclusive to providing an explicit timezone argument");
            }
        }
        return toTimestamp(text, parsed, hasTimezone ? timezone : parsed.zone, clock);
    }

    private static Timestamp toTimestamp(String text, Fields f, String zone, Clock clock) {
        if (f.year == null) {
            // Ruby Puppet builds a Time from the year field alone (not from %s or %j) and fails so without one.
            throw new IllegalArgumentException("no implicit conversion of nil into Integer");
        }
        int hour = f.hour == null ? 0 : f.hour;
        if (f.pm != null) {
            hour = hour % 12 + (f.pm ? 12 : 0);
        }
        if (hour == 24 && nz(f.minute) != 0) {
            throw new IllegalArgumentException("min out of range");
        }
        if (hour == 24 && nz(f.second) != 0) {
            throw new IllegalArgumentException("sec out of range");
        }
        // the zone is looked up after the time is built, so a bad time is reported first, as in Ruby Puppet
        long offset = zone == null ? 0 : TimeZones.offsetSeconds(zone, clock);
        try {
            // Ruby's Time.utc rolls a day past the month's end (April 31) or hour 24 over into what follows.
            LocalDateTime local = LocalDateTime.of(f.year, f.month == null ? 1 : f.month, 1, 0, 0)
                .plusDays((f.day == null ? 1 : f.day) - 1L).plusHours(hour).plusMinutes(nz(f.minute))
                .plusSeconds(nz(f.second));
            long seconds = local.toEpochSecond(ZoneOffset.UTC) - offset;
            return new Timestamp(seconds, (int) f.nanos);
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("Unable to parse '" + text + "': " + e.getMessage());
        }
    }

    private static int nz(Integer v) {
        return v == null ? 0 : v;
    }

    /** A format as a regex and the directive behind each group. */
    private record CompiledFormat(Pattern pattern, List<Character> order) {
    }

    /** A default parse tries up to ~10 formats and type bounds re-parse on every check: compile each format once. */
    private static final Map<String, CompiledFormat> COMPILED = new ConcurrentHashMap<>();

    private static CompiledFormat compiled(String format) {
        CompiledFormat known = COMPILED.get(format);
        if (known != null) {
            return known;
        }
        List<Character> order = new ArrayList<>();
        // literal characters match exactly ('t' is not 'T'); names and zones match in any case
        CompiledFormat fresh = new CompiledFormat(Pattern.compile(regex(expand(format), order)), List.copyOf(order));
        if (COMPILED.size() < 1000) {
            COMPILED.put(format, fresh);
        }
        return fresh;
    }

    /** The fields, or null when the string does not match the whole format. */
    private static Fields read(String text, String format) {
        CompiledFormat compiled = compiled(format);
        List<Character> order = compiled.order();
        Matcher m = compiled.pattern().matcher(text);
        if (!m.matches()) {
            return null;
        }
        Fields f = new Fields();
        for (int g = 0; g < order.size(); g++) {
            String v = m.group(g + 1);
            if (v == null) {
                continue;
            }
            v = v.trim();
            switch (order.get(g)) {
                case 'Y' -> f.year = Integer.parseInt(v.startsWith("+") ? v.substring(1) : v);
                case 'y' -> {
                    int y = Integer.parseInt(v);
                    f.year = y >= 69 ? 1900 + y : 2000 + y;
                }
                case 'm' -> f.month = Integer.parseInt(v);
                case 'b' -> f.month = monthOf(v);
                case 'd' -> f.day = Integer.parseInt(v);
                case 'j' -> f.yday = Integer.parseInt(v);
                case 'H' -> f.hour = Integer.parseInt(v);
                case 'I' -> {
                    f.hour = Integer.parseInt(v);
                    f.twelveHour = true;
                }
                case 'M' -> f.minute = Integer.parseInt(v);
                case 'S' -> f.second = Integer.parseInt(v);
                case 'N' -> {
                    String digits = v.length() > 9 ? v.substring(0, 9) : v;
                    f.nanos = Long.parseLong(digits) * pow10(9 - digits.length());
                }
                case 'z' -> f.zone = v;
                case 'p' -> f.pm = v.toLowerCase(Locale.ROOT).startsWith("p");
                default -> {
                    // day names and %s are read but, as in Ruby Puppet, do not make the date
                }
            }
        }
        // Like Ruby's _strptime, a field out of its range means the format does not match.
        if (out(f.month, 1, 12) || out(f.day, 1, 31) || out(f.yday, 1, 366) || out(f.hour, f.twelveHour ? 1 : 0, f.twelveHour ? 12 : 24)
            || out(f.minute, 0, 59) || out(f.second, 0, 60)) {
            return null;
        }
        return f;
    }

    private static boolean out(Integer v, int min, int max) {
        return v != null && (v < min || v > max);
    }

    private static long pow10(int n) {
        long r = 1;
        for (int i = 0; i < n; i++) {
            r *= 10;
        }
        return r;
    }

    private static int monthOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (lower.startsWith(MONTHS[i])) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("bad month " + name);
    }

    /** Replaces the composite directives by their parts. */
    private static String expand(String format) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '%' && i + 1 < format.length()) {
                char d = format.charAt(i + 1);
                String parts = switch (d) {
                    case 'F' -> "%Y-%m-%d";
                    case 'T', 'X' -> "%H:%M:%S";
                    case 'R' -> "%H:%M";
                    case 'D', 'x' -> "%m/%d/%y";
                    case 'r' -> "%I:%M:%S %p";
                    case 'c' -> "%a %b %e %H:%M:%S %Y";
                    default -> null;
                };
                if (parts != null) {
                    out.append(parts);
                    i++;
                    continue;
                }
                out.append(c).append(d);
                i++;
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String regex(String format, List<Character> order) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (Character.isWhitespace(c)) {
                b.append("\\s*");
                continue;
            }
            if (c != '%' || i + 1 >= format.length()) {
                b.append(Pattern.quote(String.valueOf(c)));
                continue;
            }
            char d = format.charAt(++i);
            String group = switch (d) {
                case 'Y' -> "([-+]?\\d{1,4})";
                case 'C', 'y', 'm', 'd', 'H', 'M', 'S', 'I' -> "(\\d{1,2})";
                case 'e', 'k', 'l' -> "(\\s?\\d{1,2})";
                case 'j' -> "(\\d{1,3})";
                case 'L', 'N' -> "(\\d+)";
                case 'z', 'Z' -> ZONE;
                case 'b', 'B', 'h' -> "((?i)jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
                    + "|aug(?:ust)?|sep(?:tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
                case 'a', 'A' -> "((?i)sun(?:day)?|mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?"
                    + "|fri(?:day)?|sat(?:urday)?)";
                case 'p', 'P' -> "((?i)[ap]\\.?m\\.?)";
                case 's' -> "(-?\\d+)";
                case 'n', 't' -> null;
                case '%' -> null;
                default -> throw new IllegalArgumentException("unsupported directive %" + d);
            };
            if (d == 'n' || d == 't') {
                b.append("\\s+");
                continue;
            }
            if (d == '%') {
                b.append('%');
                continue;
            }
            b.append(group);
            char key = switch (d) {
                case 'Z' -> 'z';
                case 'B', 'h' -> 'b';
                case 'A' -> 'a';
                case 'P' -> 'p';
                case 'I', 'l' -> 'I';
                case 'e' -> 'd';
                case 'k' -> 'H';
                case 'L' -> 'N';
                default -> d;
            };
            order.add(key);
        }
        return b.toString();
    }
}
