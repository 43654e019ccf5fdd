package io.puppetplane.lang.eval;

import io.puppetplane.lang.ast.Ast.Loc;
import io.puppetplane.lang.time.TimespanFormat;
import io.puppetplane.lang.time.TimestampParser;
import io.puppetplane.lang.types.Types;
import io.puppetplane.lang.value.Timespan;
import io.puppetplane.lang.value.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code Timestamp.new} and {@code Timespan.new} with the signatures Puppet 7 dispatches on: seconds, a string
 * with optional format(s) (and timezone for Timestamp), a hash of those, or Timespan's day/hour/minute/second
 * fields.
 */
final class TimeConversions {

    private TimeConversions() {
    }

    static Timestamp toTimestamp(Object v, List<Object> rest, Loc loc) {
        try {
            if (v instanceof Timestamp ts && rest.isEmpty()) {
                return ts;
            }
            if ((v instanceof Long || v instanceof Double) && rest.isEmpty()) {
                return Timestamp.ofSeconds((Number) v);
            }
            if (v instanceof String s && !s.isEmpty() && rest.size() <= 2) {
                Object format = rest.isEmpty() ? null : rest.get(0);
                Object timezone = rest.size() < 2 ? null : rest.get(1);
                return TimestampParser.parse(s, formats(format, loc), format instanceof List,
                    timezoneArg(timezone, loc), Clock.systemDefaultZone());
            }
            if (v instanceof Map<?, ?> h && rest.isEmpty() && h.get("string") instanceof String s) {
                return TimestampParser.parse(s, formats(h.get("format"), loc), h.get("format") instanceof List,
                    timezoneArg(h.get("timezone"), loc), Clock.systemDefaultZone());
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new EvalError(e.getMessage(), loc);
        }
        throw new EvalError("Timestamp.new(): no signature accepts " + describe(v, rest), loc);
    }

    static Timespan toTimespan(Object v, List<Object> rest, Loc loc) {
        try {
            if (v instanceof Timespan span && rest.isEmpty()) {
                return span;
            }
            if ((v instanceof Long || v instanceof Double) && rest.isEmpty()) {
                return new Timespan(secondsToNanos((Number) v));
            }
            if (v instanceof Long && rest.size() >= 3 && rest.size() <= 6
                && rest.stream().allMatch(x -> x instanceof Long)) {
                long[] f = new long[7];
                f[0] = (Long) v;
                for (int i = 0; i < rest.size(); i++) {
                    f[i + 1] = (Long) rest.get(i);
                }
                return fromFields(false, f);
            }
            if (v instanceof String s && !s.isEmpty() && rest.size() <= 1) {
                Object format = rest.isEmpty() ? null : rest.get(0);
                return parseSpan(s, formats(format, loc), format instanceof List);
            }
            if (v instanceof Map<?, ?> h && rest.isEmpty()) {
                if (h.get("string") instanceof String s) {
                    return parseSpan(s, formats(h.get("format"), loc), h.get("format") instanceof List);
                }
                String[] keys = {"days", "hours", "minutes", "seconds", "milliseconds", "microseconds",
                    "nanoseconds"};
                long[] f = new long[7];
                for (int i = 0; i < keys.length; i++) {
                    Object x = h.get(keys[i]);
                    if (x != null && !(x instanceof Long)) {
                        throw new EvalError("Timespan.new(): '" + keys[i] + "' expects an Integer value, got "
                            + Types.typeName(x), loc);
                    }
                    f[i] = x == null ? 0 : (Long) x;
                }
                return fromFields(Boolean.TRUE.equals(h.get("negative")), f);
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new EvalError(e.getMessage(), loc);
        }
        throw new EvalError("Timespan.new(): no signature accepts " + describe(v, rest), loc);
    }

    private static Timespan parseSpan(String s, List<String> formats, boolean formatList) {
        if (formats == null) {
            return TimespanFormat.parseAny(s, TimespanFormat.DEFAULT_FORMATS);
        }
        if (!formatList) {
            return TimespanFormat.parse(formats.get(0)).parseSpan(s);
        }
        return TimespanFormat.parseAny(s, formats);
    }

    /** Each field in units of the next: days to hours, ..., microseconds to nanoseconds. */
    private static final long[] FIELD_SCALE = {24, 60, 60, 1000, 1000, 1000};

    /** days, hours, minutes, seconds, milliseconds, microseconds, nanoseconds; overflow is an error, not a wrap. */
    private static Timespan fromFields(boolean negative, long[] f) {
        long ns = f[0];
        for (int i = 0; i < FIELD_SCALE.length; i++) {
            ns = Math.addExact(Math.multiplyExact(ns, FIELD_SCALE[i]), f[i + 1]);
        }
        return new Timespan(negative ? -ns : ns);
    }

    /**
     * A format argument: a string (a list of one), an array of strings (a list, tried in turn even when it holds
     * one, as Ruby words its errors then), or absent (null: the defaults).
     */
    private static List<String> formats(Object format, Loc loc) {
        if (format == null) {
            return null;
        }
        if (format instanceof String f) {
            return List.of(f);
        }
        if (format instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(x -> x instanceof String)) {
            List<String> out = new ArrayList<>();
            l.forEach(x -> out.add((String) x));
            return out;
        }
        throw new EvalError("format expects a String or an Array of String, got " + Types.typeName(format), loc);
    }

    private static String timezoneArg(Object tz, Loc loc) {
        if (tz == null || tz instanceof String) {
            return (String) tz;
        }
        throw new EvalError("timezone expects a String value, got " + Types.typeName(tz), loc);
    }

    private static long secondsToNanos(Number seconds) {
        if (seconds instanceof Long l) {
            return Math.multiplyExact(l, Timestamp.NANOS_PER_SECOND);
        }
        return (long) (seconds.doubleValue() * Timestamp.NANOS_PER_SECOND);
    }

    private static String describe(Object v, List<Object> rest) {
        List<String> names = new ArrayList<>();
        names.add(Types.typeName(v));
        rest.forEach(x -> names.add(Types.typeName(x)));
        return "(" + String.join(", ", names) + ")";
    }
}
