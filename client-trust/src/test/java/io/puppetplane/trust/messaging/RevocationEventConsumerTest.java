package io.puppetplane.trust.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

class RevocationEventConsumerTest {

    @Test
    void readsDecimalSerialsAndHexadecimalWithPrefix() {
        assertEquals(new BigInteger("123456789012345678901234567890"),
                RevocationEventConsumer.serial("123456789012345678901234567890"), "decimal, as ca-service writes");
        assertEquals(BigInteger.valueOf(0x1F), RevocationEventConsumer.serial("0x1F"), "0x-prefixed hexadecimal");
    }
}
