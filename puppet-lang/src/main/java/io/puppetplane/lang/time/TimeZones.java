package io.puppetplane.lang.time;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Timezone designators as Ruby's {@code Date._strptime(tz, '%z')} understands them, which is what Puppet's
 * Timestamp functions accept: numeric offsets ({@code +01:00}, {@code -0530}, {@code +1}, {@code UTC+2}),
 * zone abbreviations ({@code CET}, {@code EST}, military letters) with optional {@code standard time},
 * {@code daylight time} or {@code dst}, and {@code current} (this machine's offset now).
 */
public final class TimeZones {

    private static final Pattern NUMERIC = Pattern.compile(
        "(?i)(?:gmt|utc?)?([-+])(\\d+)(?:([,.:])(\\d+)(?::(\\d+))?)?");

    // Offsets in seconds of Ruby's zone table (checked against Ruby 3.1's Date._strptime).
    private static final Map<String, Integer> NAMED = Map.<String, Integer>ofEntries(
        Map.entry("utc", 0), Map.entry("ut", 0), Map.entry("gmt", 0), Map.entry("z", 0),
        Map.entry("a", 3600), Map.entry("b", 7200), Map.entry("c", 10800), Map.entry("d", 14400),
        Map.entry("e", 18000), Map.entry("f", 21600), Map.entry("g", 25200), Map.entry("h", 28800),
        Map.entry("i", 32400), Map.entry("k", 36000), Map.entry("l", 39600), Map.entry("m", 43200),
        Map.entry("n", -3600), Map.entry("o", -7200), Map.entry("p", -10800), Map.entry("q", -14400),
        Map.entry("r", -18000), Map.entry("s", -21600), Map.entry("t", -25200), Map.entry("u", -28800),
        Map.entry("v", -32400), Map.entry("w", -36000), Map.entry("x", -39600), Map.entry("y", -43200),
        Map.entry("est", -18000), Map.entry("edt", -14400), Map.entry("cst", -21600), Map.entry("cdt", -18000),
        Map.entry("mst", -25200), Map.entry("mdt", -21600), Map.entry("pst", -28800), Map.entry("pdt", -25200),
        Map.entry("akst", -32400), Map.entry("akdt", -28800), Map.entry("hst", -36000), Map.entry("hast", -36000),
        Map.entry("hadt", -32400), Map.entry("ast", -14400), Map.entry("adt", -10800), Map.entry("nst", -9000),
        Map.entry("ndt", -5400), Map.entry("wet", 0), Map.entry("west", 3600), Map.entry("cet", 3600),
        Map.entry("cest", 7200), Map.entry("met", 3600), Map.entry("mest", 7200), Map.entry("mewt", 3600),
        Map.entry("mesz", 7200), Map.entry("mez", 3600), Map.entry("eet", 7200), Map.entry("eest", 10800),
        Map.entry("bst", 3600), Map.entry("ist", 19800), Map.entry("msk", 10800), Map.entry("msd", 14400),
        Map.entry("jst", 32400), Map.entry("kst", 32400), Map.entry("hkt", 28800), Map.entry("sgt", 28800),
        Map.entry("awst", 28800), Map.entry("acst", 34200), Map.entry("acdt", 37800), Map.entry("aest", 36000),
        Map.entry("aedt", 39600), Map.entry("nzst", 43200), Map.entry("nzdt", 46800), Map.entry("nzt", 43200),
        Map.entry("wat", 3600), Map.entry("cat", 7200), Map.entry("eat", 10800), Map.entry("sast", 7200),
        Map.entry("pkt", 18000), Map.entry("wib", 25200), Map.entry("idt", 10800), Map.entry("brt", -10800),
        Map.entry("art", -10800), Map.entry("clt", -14400), Map.entry("yst", -32400), Map.entry("ydt", -28800),
        Map.entry("ahst", -36000), Map.entry("bt", 10800), Map.entry("wast", 7200), Map.entry("cct", 23400),
        Map.entry("fst", 7200), Map.entry("fwt", 3600), Map.entry("sst", -39600), Map.entry("gst", 36000),
        Map.entry("eadt", 39600), Map.entry("idle", 43200), Map.entry("idlw", -43200),
        Map.entry("eastern", -18000), Map.entry("central", -21600), Map.entry("mountain", -25200),
        Map.entry("pacific", -28800));

    private TimeZones() {
    }

    /** The offset from UTC in seconds; {@code IllegalArgumentException "Illegal timezone 'x'"} if unknown. */
    public static int offsetSeconds(String timezone, Clock clock) {
        if ("current".equalsIgnoreCase(timezone)) {
            return clock.getZone().getRules().getOffset(clock.instant()).getTotalSeconds();
        }
        Integer offset = parse(timezone);
        if (offset == null) {
            throw new IllegalArgumentException("Illegal timezone '" + timezone + "'");
        }
        return offset;
    }

    /** The offset of a zone designator found by a parse, or null when Ruby would not know it. */
    static Integer parse(String zone) {
        String z = zone.trim();
        Matcher m = NUMERIC.matcher(z);
        if (m.matches()) {
            return numeric(m);
        }
        String lower = z.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        int dst = 0;
        if (lower.endsWith(" standard time")) {
            lower = lower.substring(0, lower.length() - " standard time".length());
        } else if (lower.endsWith(" daylight time")) {
            lower = lower.substring(0, lower.length() - " daylight time".length());
            dst = 3600;
        } else if (lower.endsWith(" dst")) {
            lower = lower.substring(0, lower.length() - " dst".length());
            dst = 3600;
        }
        Integer base = NAMED.get(lower);
        return base == null ? null : base + dst;
    }

    private static Integer numeric(Matcher m) {
        int sign = m.group(1).equals("-") ? -1 : 1;
        String digits = m.group(2);
        String sep = m.group(3);
        long seconds;
        if (sep == null) {
            // Unseparated digits: H, HH, HMM, HHMM, HMMSS, HHMMSS as Ruby reads them.
            int len = digits.length();
            if (len > 6) {
                return null;
            }
            int hLen = len % 2 == 1 ? 1 : 2;
            if (len <= 2) {
                hLen = len;
            }
            long h = Long.parseLong(digits.substring(0, hLen));
            long min = len > hLen ? Long.parseLong(digits.substring(hLen, Math.min(len, hLen + 2))) : 0;
            long sec = len > hLen + 2 ? Long.parseLong(digits.substring(hLen + 2)) : 0;
            seconds = h * 3600 + min * 60 + sec;
        } else if (sep.equals(":")) {
            long sec = m.group(5) == null ? 0 : Long.parseLong(m.group(5));
            seconds = Long.parseLong(digits) * 3600 + Long.parseLong(m.group(4)) * 60 + sec;
        } else {
            // A decimal fraction of hours (+1.5).
            double frac = Double.parseDouble("0." + m.group(4));
            seconds = Long.parseLong(digits) * 3600 + Math.round(frac * 3600);
        }
        if (seconds > 86400 * 2) {
            return null;
        }
        return (int) (sign * seconds);
    }
}
