package io.puppetplane.lang.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Offsets as Ruby's Date._strptime('%z') reads them (values taken from Ruby 3.1). */
class TimeZonesTest {

    @Test
    void readsNumericOffsetsInEveryRubyForm() {
        assertEquals(3600, TimeZones.parse("+01"), "+01");
        assertEquals(3600, TimeZones.parse("+1"), "+1");
        assertEquals(-5400, TimeZones.parse("-0130"), "-0130");
        assertEquals(5400, TimeZones.parse("+01:30"), "+01:30");
        assertEquals(5445, TimeZones.parse("+013045"), "+013045");
        assertEquals(7200, TimeZones.parse("utc+2"), "utc+2");
        assertEquals(-12600, TimeZones.parse("gmt-03:30"), "gmt-03:30");
        assertEquals(5400, TimeZones.parse("+1.5"), "+1.5");
    }

    @Test
    void readsZoneNamesWithStandardAndDaylightSuffixes() {
        assertEquals(0, TimeZones.parse("Z"), "Z");
        assertEquals(-18000, TimeZones.parse("Eastern Standard Time"), "Eastern Standard Time");
        assertEquals(7200, TimeZones.parse("CET DST"), "CET DST");
        assertEquals(-25200, TimeZones.parse("PDT"), "PDT");
        assertNull(TimeZones.parse("foo"), "unknown names have no offset");
        assertNull(TimeZones.parse("j"), "military J is local time, not a zone");
    }
}
