package io.puppetplane.catalog.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventSpoolTest {

    @Test
    void spoolNamesSortInWriteOrderBecauseNumbersArePaddedToAFixedWidth() {
        assertEquals("0000000000042", EventSpool.zeroPadded(42, 13), "millis padded to 13 digits");
        assertEquals("1234567890", EventSpool.zeroPadded(1234567890L, 9), "wider values are kept whole");
        assertTrue(EventSpool.zeroPadded(999, 9).compareTo(EventSpool.zeroPadded(1000, 9)) < 0,
            "999 sorts before 1000 once padded");
    }
}
