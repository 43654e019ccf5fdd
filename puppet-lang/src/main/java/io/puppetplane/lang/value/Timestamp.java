package io.puppetplane.lang.value;

import io.puppetplane.lang.time.RubyStrftime;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A Puppet Timestamp: an instant as seconds since the epoch (UTC) and nanoseconds within that second, so any year
 * Ruby Puppet accepts fits (not just the ±292 years around 1970 that nanoseconds in a {@code long} would cover).
 */
public record Timestamp(long epochSecond, int nanoOfSecond) implements Comparable<Timestamp>, TimeData {

    public static final long NANOS_PER_SECOND = 1_000_000_000L;

    public Timestamp {
        if (nanoOfSecond < 0 || nanoOfSecond >= NANOS_PER_SECOND) {
            throw new IllegalArgumentException("nanoseconds of a second out of range: " + nanoOfSecond);
        }
    }

    /** The current instant, with the clock's precision. */
    public static Timestamp now(java.time.Clock clock) {
        java.time.Instant i = clock.instant();
        return new Timestamp(i.getEpochSecond(), i.getNano());
    }

    /** Seconds since the epoch as Ruby Puppet takes them: {@code (seconds * 1_000_000_000).to_i} nanoseconds. */
    public static Timestamp ofSeconds(Number seconds) {
        if (seconds instanceof Long l) {
            return new Timestamp(l, 0);
        }
        // the product is a double, as in Ruby (0.3 s is 300000000 ns, not 299999999); BigDecimal only to cut it
        // to an integer beyond the range of a long
        BigInteger nanos = new BigDecimal(seconds.doubleValue() * NANOS_PER_SECOND).toBigInteger();
        BigInteger[] parts = nanos.divideAndRemainder(BigInteger.valueOf(NANOS_PER_SECOND));
        long sec = parts[0].longValueExact();
        long nano = parts[1].longValue();
        if (nano < 0) {
            sec = Math.subtractExact(sec, 1);
            nano += NANOS_PER_SECOND;
        }
        return new Timestamp(sec, (int) nano);
    }

    /** This instant moved by a signed number of nanoseconds. */
    public Timestamp plusNanos(long nanos) {
        long nano = nanoOfSecond + Math.floorMod(nanos, NANOS_PER_SECOND);
        long sec = Math.addExact(Math.addExact(epochSecond, Math.floorDiv(nanos, NANOS_PER_SECOND)),
            nano / NANOS_PER_SECOND);
        return new Timestamp(sec, (int) (nano % NANOS_PER_SECOND));
    }

    /** Nanoseconds from {@code other} to this instant (ArithmeticException beyond ±292 years, a Timespan's range). */
    public long nanosSince(Timestamp other) {
        return Math.addExact(Math.multiplyExact(Math.subtractExact(epochSecond, other.epochSecond), NANOS_PER_SECOND),
            (long) nanoOfSecond - other.nanoOfSecond);
    }

    /** Nanoseconds since the epoch, as Ruby Puppet stores them ({@code nsecs}). */
    public BigInteger totalNanos() {
        return BigInteger.valueOf(epochSecond).multiply(BigInteger.valueOf(NANOS_PER_SECOND))
            .add(BigInteger.valueOf(nanoOfSecond));
    }

    /** Seconds since the epoch with the fraction, as Ruby's to_f. */
    @Override
    public long wholeSeconds() {
        return epochSecond;
    }

    @Override
    public double toSeconds() {
        return epochSecond + nanoOfSecond / (double) NANOS_PER_SECOND;
    }

    /** Ruby's Time#strftime of this instant, in UTC or in the given timezone (an offset or zone name). */
    public String format(String format, String timezone) {
        return RubyStrftime.format(this, format, timezone);
    }

    @Override
    public int compareTo(Timestamp o) {
        int bySecond = Long.compare(epochSecond, o.epochSecond);
        return bySecond != 0 ? bySecond : Integer.compare(nanoOfSecond, o.nanoOfSecond);
    }

    /** As Ruby Puppet renders it: {@code 2020-01-02T03:04:05.000000000 UTC}. */
    @Override
    public String toString() {
        return format("%FT%T.%N %Z", null);
    }
}
