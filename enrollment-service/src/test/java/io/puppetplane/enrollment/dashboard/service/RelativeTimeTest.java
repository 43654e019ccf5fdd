package io.puppetplane.enrollment.dashboard.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class RelativeTimeTest {

    private static final Instant NOW = Instant.parse("2026-12-07T23:30:00Z");
    private final RelativeTime times = new RelativeTime(Clock.fixed(NOW, ZoneOffset.UTC));

    private String ago(Duration d) {
        return times.relative(NOW.minus(d));
    }

    @Test
    void saysJustNowWithinFortyFiveSeconds() {
        assertEquals("just now", ago(Duration.ZERO), "the same instant");
        assertEquals("just now", ago(Duration.ofSeconds(44)), "44 s");
        assertEquals("1 min ago", ago(Duration.ofSeconds(45)), "45 s rounds up to a minute");
    }

    @Test
    void countsMinutesBelowAnHourAndHoursBelowADay() {
        assertEquals("12 min ago", ago(Duration.ofMinutes(12).plusSeconds(10)), "12 min 10 s");
        assertEquals("1 h ago", ago(Duration.ofMinutes(59).plusSeconds(50)), "59 min 50 s rounds to an hour");
        assertEquals("3 h ago", ago(Duration.ofHours(3).plusMinutes(59)), "hours are whole, not rounded up");
        assertEquals("23 h ago", ago(Duration.ofHours(23)), "23 h");
    }

    @Test
    void countsDaysBelowThirtyThenGivesTheDate() {
        assertEquals("1 day ago", ago(Duration.ofHours(25)), "one day, singular");
        assertEquals("29 days ago", ago(Duration.ofDays(29)), "29 days");
        assertEquals("on 2026-11-07", ago(Duration.ofDays(30)), "a month back is a date");
    }

    @Test
    void saysInForATimeAheadOfTheClock() {
        assertEquals("in 5 min", times.relative(NOW.plus(Duration.ofMinutes(5))), "a skewed agent's clock");
        assertEquals("just now", times.relative(NOW.plusSeconds(10)), "a few seconds ahead is now");
    }

    @Test
    void momentCarriesTheExactTimeForTheHover() {
        RelativeTime.Moment m = times.of(Instant.parse("2026-12-07T23:18:00.250Z"));
        assertEquals("2026-12-07T23:18:00.250Z", m.iso(), "datetime attribute, ISO-8601");
        assertEquals("2026-12-07 23:18:00 UTC", m.exact(), "title attribute, exact and zoned");
        assertEquals("12 min ago", m.relative(), "what is read at a glance");
        assertNull(times.of(null), "no time, nothing to show");
    }
}
