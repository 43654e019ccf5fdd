package io.puppetplane.lang.value;

import io.puppetplane.lang.time.RubyStrftime;

/**
 * A Puppet Timestamp: an instant as nanoseconds since the epoch (UTC). A {@code long} covers the years
 * 1677 to 2262, which is every instant a manifest plausibly names.
 */
public record Timestamp(long nanos) implements Comparable<Timestamp> {

    public static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** The current instant, with the clock's precision. */
    public static Timestamp now(java.time.Clock clock) {
        java.time.Instant i = clock.instant();
        return new Timestamp(Math.addExact(Math.multiplyExact(i.getEpochSecond(), NANOS_PER_SECOND), i.getNano()));
    }

    public long epochSecond() {
        return Math.floorDiv(nanos, NANOS_PER_SECOND);
    }

    public int nanoOfSecond() {
        return (int) Math.floorMod(nanos, NANOS_PER_SECOND);
    }

    /** Ruby's Time#strftime of this instant, in UTC or in the given timezone (an offset or zone name). */
    public String format(String format, String timezone) {
        return RubyStrftime.format(this, format, timezone);
    }

    @Override
    public int compareTo(Timestamp o) {
        return Long.compare(nanos, o.nanos);
    }

    /** As Ruby Puppet renders it: {@code 2020-01-02T03:04:05.000000000 UTC}. */
    @Override
    public String toString() {
        return format("%FT%T.%N %Z", null);
    }
}
