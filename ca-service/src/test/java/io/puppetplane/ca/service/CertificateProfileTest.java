package io.puppetplane.ca.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.puppetplane.ca.e2e.TestCsrs;

/** The CA, agent and CRL profiles match what Puppet Server issues (protocol reference §2.4). */
class CertificateProfileTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static CaKeyMaterial ca;

    @BeforeAll
    static void createCa() {
        ca = CaCertificateFactory.create("test", "RSA", 2048, Duration.ofDays(1826), NOW);
    }

    @Test
    void caCertificateIsACriticalCaWithCertAndCrlSigning() throws Exception {
        X509Certificate cert = ca.certificate();
        assertEquals("CN=Puppet CA: test", cert.getSubjectX500Principal().getName(), "subject");
        assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal(), "self-signed");
        assertEquals(Integer.MAX_VALUE, cert.getBasicConstraints(), "CA:TRUE without path length");
        assertTrue(cert.getCriticalExtensionOIDs().containsAll(List.of("2.5.29.19", "2.5.29.15")),
                "basicConstraints and keyUsage are critical");
        boolean[] usage = cert.getKeyUsage();
        assertTrue(usage[5] && usage[6] && !usage[0], "keyCertSign and cRLSign only");
        assertEquals(NOW.minus(Duration.ofDays(1)), cert.getNotBefore().toInstant(), "backdated one day");
        assertNotNull(cert.getExtensionValue(PuppetOids.NETSCAPE_COMMENT), "Netscape comment");
        assertNotNull(cert.getExtensionValue(Extension.authorityKeyIdentifier.getId()), "AKI");
        assertNotNull(cert.getExtensionValue(Extension.subjectKeyIdentifier.getId()), "SKI");
        cert.verify(cert.getPublicKey());
    }

    @Test
    void newCaDefaultsToTheConfiguredKeyTypeAndSize() {
        KeyPair ec = CaCertificateFactory.generateKeyPair("EC", 384);
        assertEquals("EC", ec.getPublic().getAlgorithm(), "EC keys are supported");
        CaKeyMaterial ecCa = CaCertificateFactory.create("ec", "EC", 256, Duration.ofDays(10), NOW);
        assertEquals("SHA256withECDSA", ecCa.signatureAlgorithm(), "P-256 CA signs with SHA-256");
    }

    @Test
    void agentCertificateCarriesPuppetProfileAndCopiedExtensions() throws Exception {
        ValidatedCsr csr = validator(false).validate("web1.example.com",
                TestCsrs.csr("web1.example.com", null, "web"));
        X509Certificate cert = new CertificateSigner(ca).sign("web1.example.com", csr.publicKey(),
                BigInteger.valueOf(7), NOW, Duration.ofDays(365), csr.extraAltNames(), csr.puppetExtensions(), false);

        cert.verify(ca.certificate().getPublicKey());
        assertEquals(BigInteger.valueOf(7), cert.getSerialNumber(), "serial from the sequence");
        assertEquals(-1, cert.getBasicConstraints(), "CA:FALSE");
        assertEquals(List.of(KeyPurposeId.id_kp_serverAuth.getId(), KeyPurposeId.id_kp_clientAuth.getId()),
                cert.getExtendedKeyUsage(), "serverAuth and clientAuth");
        assertTrue(cert.getCriticalExtensionOIDs().containsAll(List.of("2.5.29.19", "2.5.29.15", "2.5.29.37")),
                "basicConstraints, keyUsage and EKU are critical");
        assertEquals("web1.example.com", cert.getSubjectAlternativeNames().iterator().next().get(1),
                "the certname is always a SAN");
        byte[] role = cert.getExtensionValue("1.3.6.1.4.1.34380.1.1.13");
        assertNotNull(role, "pp_role copied from the CSR");
        assertArrayEquals(new byte[] { 0x0c, 0x03, 'w', 'e', 'b' },
                org.bouncycastle.asn1.DEROctetString.getInstance(role).getOctets(), "UTF8String verbatim");
        assertEquals("web", csr.extensionValues().get("pp_role"), "readable name and value for events");
        assertEquals(NOW.minus(Duration.ofDays(1)), cert.getNotBefore().toInstant(), "backdated one day");
    }

    @Test
    void serviceCertificateCarriesCliAuthAndIpSans() throws Exception {
        KeyPair keys = CaCertificateFactory.generateKeyPair("RSA", 2048);
        X509Certificate cert = new CertificateSigner(ca).sign("catalog-service", keys.getPublic(), BigInteger.TEN,
                NOW, Duration.ofDays(30), List.of(new GeneralName(GeneralName.iPAddress, "127.0.0.1")), List.of(),
                true);
        assertNotNull(cert.getExtensionValue(PuppetOids.PP_CLI_AUTH), "pp_cli_auth present");
        assertTrue(cert.getSubjectAlternativeNames().stream().anyMatch(s -> "127.0.0.1".equals(s.get(1))),
                "IP SAN present");
    }

    @Test
    void crlIsV2WithNumberAkiAndLongNextUpdate() throws Exception {
        X509CRL crl = CrlSigner.sign(ca, List.of(new CrlSigner.RevokedEntry(BigInteger.valueOf(9), NOW)),
                BigInteger.valueOf(4), NOW, NOW.plus(Duration.ofDays(1826)));
        crl.verify(ca.certificate().getPublicKey());
        assertEquals(2, crl.getVersion(), "v2");
        assertNotNull(crl.getExtensionValue(Extension.cRLNumber.getId()), "crlNumber");
        assertNotNull(crl.getExtensionValue(Extension.authorityKeyIdentifier.getId()), "AKI");
        assertNotNull(crl.getRevokedCertificate(BigInteger.valueOf(9)), "serial 9 listed");
        assertEquals(NOW.plus(Duration.ofDays(1826)), crl.getNextUpdate().toInstant(), "five-year nextUpdate");
    }

    static CsrValidator validator(boolean allowSans) {
        return new CsrValidator(new CsrValidator.Policy(65536, 2048, allowSans, false));
    }
}
