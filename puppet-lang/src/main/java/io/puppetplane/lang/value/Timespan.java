package io.puppetplane.lang.value;

import io.puppetplane.lang.time.TimespanFormat;

/** A Puppet Timespan: a signed duration in nanoseconds. */
public record Timespan(long nanos) implements Comparable<Timespan>, TimeData {

    @Override
    public long wholeSeconds() {
        return Math.floorDiv(nanos, Timestamp.NANOS_PER_SECOND);
    }

    @Override
    public double toSeconds() {
        return (double) nanos / Timestamp.NANOS_PER_SECOND;
    }

    /** Formats with Puppet's Timespan directives (%D %H %M %S %L %N, flags - _ 0 and widths). */
    public String format(String format) {
        return TimespanFormat.parse(format).format(this);
    }

    @Override
    public int compareTo(Timespan o) {
        return Long.compare(nanos, o.nanos);
    }

    /** As Ruby Puppet renders it: {@code 1-03:04:05.0} (days-hours:minutes:seconds.fraction). */
    @Override
    public String toString() {
        return format(TimespanFormat.DEFAULT_FORMATS.get(0));
    }
}
