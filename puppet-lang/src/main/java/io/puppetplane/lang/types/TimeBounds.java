package io.puppetplane.lang.types;

import io.puppetplane.lang.time.TimespanFormat;
import io.puppetplane.lang.time.TimestampParser;
import io.puppetplane.lang.value.Default;
import io.puppetplane.lang.value.Timespan;
import io.puppetplane.lang.value.Timestamp;
import io.puppetplane.lang.value.TypeValue;
import java.time.Clock;

/**
 * The range parameters of {@code Timestamp[from, to]} and {@code Timespan[from, to]}: each bound is a value of the
 * type, a string in its default formats, a number of seconds, or default/undef for unbounded.
 */
final class TimeBounds {

    private TimeBounds() {
    }

    static boolean within(TypeValue t, Timestamp ts) {
        Timestamp from = t.params().isEmpty() ? null : timestamp(t.params().get(0));
        Timestamp to = t.params().size() < 2 ? null : timestamp(t.params().get(1));
        return (from == null || ts.compareTo(from) >= 0) && (to == null || ts.compareTo(to) <= 0);
    }

    static boolean within(TypeValue t, Timespan span) {
        Long from = t.params().isEmpty() ? null : timespanNanos(t.params().get(0));
        Long to = t.params().size() < 2 ? null : timespanNanos(t.params().get(1));
        return (from == null || span.nanos() >= from) && (to == null || span.nanos() <= to);
    }

    private static Timestamp timestamp(Object bound) {
        if (bound instanceof Timestamp ts) {
            return ts;
        }
        if (bound instanceof String s) {
            return TimestampParser.parse(s, null, false, null, Clock.systemDefaultZone());
        }
        if (bound instanceof Long || bound instanceof Double) {
            return Timestamp.ofSeconds((Number) bound);
        }
        return unbounded(bound);
    }

    private static Long timespanNanos(Object bound) {
        if (bound instanceof Timespan span) {
            return span.nanos();
        }
        if (bound instanceof String s) {
            return TimespanFormat.parseAny(s, TimespanFormat.DEFAULT_FORMATS).nanos();
        }
        return seconds(bound);
    }

    private static Long seconds(Object bound) {
        if (bound instanceof Long n) {
            return Math.multiplyExact(n, Timestamp.NANOS_PER_SECOND);
        }
        if (bound instanceof Double d) {
            return (long) (d * Timestamp.NANOS_PER_SECOND);
        }
        return unbounded(bound);
    }

    /** No bound (undef or default) is null; anything else cannot bound a time range. */
    private static <T> T unbounded(Object bound) {
        if (bound == null || bound instanceof Default) {
            return null;
        }
        throw new IllegalArgumentException("Cannot use " + Types.typeName(bound) + " as a time range bound");
    }
}
