package io.puppetplane.fileserve.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.puppetplane.trust.ClientIdentity;

class PathTemplateTest {

    @Test
    void expandsHostnameCertnameDomainAndPercent() {
        PathTemplate template = new PathTemplate("/srv/%d/%h/%H/100%%");

        assertEquals(Path.of("/srv/cloud.example.com/nc1/nc1.cloud.example.com/100%"),
                template.expand(identity("nc1.cloud.example.com")).orElseThrow(), "every escape expanded");
    }

    @Test
    void certnameThatCannotBeAPathSegmentGetsNoDirectory() {
        PathTemplate template = new PathTemplate("/srv/%H");

        assertTrue(template.expand(identity("..")).isEmpty(), "'..' as certname never becomes a path");
        assertTrue(template.expand(identity("a/b")).isEmpty(), "a slash never becomes a path");
        assertTrue(new PathTemplate("/srv/%d").expand(identity("standalone")).isEmpty(),
                "%d without a domain has no directory");
    }

    private static ClientIdentity identity(String certname) {
        return new ClientIdentity(certname, BigInteger.ONE, Map.of());
    }
}
