package io.puppetplane.lang.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puppetplane.lang.spi.FunctionError;
import io.puppetplane.lang.spi.PuppetFunction;
import io.puppetplane.lang.value.Timestamp;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The legacy current-time form of strftime, checked against the clock (its value cannot be fixed). */
class TimeFunctionsTest {

    private final PuppetFunction strftime = DataFunctions.lookup("strftime").orElseThrow();

    @Test
    void legacyStrftimeFormatsTheCurrentTimeInUtc() {
        Instant before = Instant.now();
        String out = (String) strftime.call(List.of("%s.%N %z %Z %Y"));
        Instant after = Instant.now();
        Matcher m = Pattern.compile("(\\d+)\\.(\\d{9}) \\+0000 UTC (\\d{4})").matcher(out);
        assertTrue(m.matches(), "shape of legacy strftime output: " + out);
        BigDecimal seconds = new BigDecimal(m.group(1) + "." + m.group(2));
        assertTrue(seconds.compareTo(BigDecimal.valueOf(before.getEpochSecond())) >= 0,
            "not before the call started: " + out + " vs " + before);
        assertTrue(seconds.compareTo(BigDecimal.valueOf(after.getEpochSecond() + 1)) <= 0,
            "not after the call ended: " + out + " vs " + after);
        int year = Integer.parseInt(m.group(3));
        assertTrue(year == before.atOffset(ZoneOffset.UTC).getYear() || year == after.atOffset(ZoneOffset.UTC).getYear(),
            "year of now: " + out);
    }

    @Test
    void legacyStrftimeWithTimezoneShiftsTheCurrentTime() {
        long before = Instant.now().getEpochSecond();
        String out = (String) strftime.call(List.of("%H:%M %z|%s", "+05:30"));
        long after = Instant.now().getEpochSecond();
        Matcher m = Pattern.compile("(\\d{2}):(\\d{2}) \\+0530\\|(\\d+)").matcher(out);
        assertTrue(m.matches(), "shape with a timezone: " + out);
        long epoch = Long.parseLong(m.group(3));
        assertTrue(epoch >= before && epoch <= after, "epoch seconds from the clock: " + out);
        int minuteOfDay = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
        int expected = (int) Math.floorMod(epoch / 60 + 330, 24 * 60);
        assertEquals(expected, minuteOfDay, "local time at +05:30: " + out);
    }

    @Test
    void currentTimezoneIsTheClocksOffset() {
        Clock clock = Clock.fixed(Instant.parse("2020-01-02T03:04:05Z"), ZoneOffset.ofHours(2));
        Object out = TimeFunctions.strftime(List.of(new Timestamp(1_577_934_245L, 0), "%F %T %z", "current"),
            clock);
        assertEquals("2020-01-02 05:04:05 +0200", out, "'current' uses this machine's offset");
    }

    @Test
    void rejectsAnUnknownTimezoneAndWrongArguments() {
        FunctionError bad = assertThrows(FunctionError.class, () -> strftime.call(List.of("%F", "Mars/Olympus")));
        assertEquals("Illegal timezone 'Mars/Olympus'", bad.getMessage(), "Ruby Puppet's wording");
        FunctionError types = assertThrows(FunctionError.class, () -> strftime.call(List.of(1L, "%F")));
        assertTrue(types.getMessage().startsWith("'strftime' expects one of:"), types.getMessage());
    }
}
