package io.puppetplane.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.puppetplane.trust.testing.TestCertificateAuthority;

class ClientIdentityTest {

    private static TestCertificateAuthority ca;

    @BeforeAll
    static void createCa(@TempDir Path dir) {
        ca = TestCertificateAuthority.createIn(dir, "identity");
    }

    @Test
    void readsCertnameSerialAndPuppetExtensionsByShortNameOrOid() {
        var issued = ca.issue("nc1.cloud.example.com", Map.of(
                "1.3.6.1.4.1.34380.1.1.13", "nc",
                "1.3.6.1.4.1.34380.1.1.18", "eu-west",
                "1.3.6.1.4.1.34380.1.1.26", "ops",
                "1.3.6.1.4.1.34380.1.2.7", "private value",
                "1.3.6.1.4.1.34380.1.3.39", "true",
                "1.3.6.1.4.1.34380.1.3.13", "admin",
                "1.2.3.4.5", "not a Puppet arc"), List.of(), List.of("127.0.0.2"), false);

        ClientIdentity identity = ClientIdentity.of(issued.certificate());

        assertEquals("nc1.cloud.example.com", identity.certname(), "CN");
        assertEquals(issued.serial(), identity.serial(), "serial");
        assertEquals(Map.of("pp_role", "nc", "pp_region", "eu-west", "pp_owner", "ops",
                "1.3.6.1.4.1.34380.1.2.7", "private value", "1.3.6.1.4.1.34380.1.3.39", "true",
                "pp_auth_role", "admin"), identity.extensions(),
                "only the three Puppet arcs, registered names as Ruby Puppet's OID table has them");
        assertEquals("nc", identity.extension("1.3.6.1.4.1.34380.1.1.13").orElseThrow(), "lookup by OID");
        assertEquals("nc", identity.extension("pp_role").orElseThrow(), "lookup by name");
    }

    @Test
    void trustedFactsSplitHostnameAndDomainAtTheFirstDot() {
        ClientIdentity identity = new ClientIdentity("nc1.cloud.example.com", java.math.BigInteger.TEN,
                Map.of("pp_role", "nc"));

        Map<String, Object> trusted = identity.trustedFacts();

        assertEquals("remote", trusted.get("authenticated"), "authenticated");
        assertEquals("nc1", trusted.get("hostname"), "hostname");
        assertEquals("cloud.example.com", trusted.get("domain"), "domain");
        assertEquals(Map.of("pp_role", "nc"), trusted.get("extensions"), "extensions");
        assertEquals(Map.of(), trusted.get("external"), "external");
    }

    @Test
    void certnameWithoutDotHasNoDomain() {
        ClientIdentity identity = new ClientIdentity("standalone", java.math.BigInteger.ONE, Map.of());

        assertEquals("standalone", identity.hostname(), "hostname is the whole certname");
        assertFalse(identity.domain().isPresent(), "no domain");
        assertNull(identity.trustedFacts().get("domain"), "undef domain in $trusted");
    }

    @Test
    void nonDerExtensionValueIsReadAsRawText() {
        // extension value = OCTET STRING wrapping plain bytes (certificates signed before PUP-3560)
        byte[] raw = {0x04, 0x03, 'w', 'e', 'b'};

        assertEquals("web", PuppetExtensions.valueOf(raw), "raw octets kept as text");
    }
}
