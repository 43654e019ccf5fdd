package io.puppetplane.ca.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.puppetplane.ca.cli.CaApiClient;
import io.puppetplane.ca.e2e.AnonymousCaClient;
import io.puppetplane.ca.e2e.CaTestSupport;
import io.puppetplane.ca.e2e.CertificateEvents;
import io.puppetplane.ca.e2e.TestCsrs;
import io.puppetplane.ca.service.PemCodec;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code POST /puppet-ca/v1/certificate_renewal} over real HTTPS (client certificates), PostgreSQL and Kafka, with
 * renewal allowed and renewed certificates valid for two hours.
 */
@QuarkusTest
@TestProfile(RenewalAllowedProfile.class)
class CertificateRenewalTest {

    private static final String RENEWAL = "/puppet-ca/v1/certificate_renewal";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void renewalKeepsSubjectKeyAndExtensionsWithANewSerialAndTheRenewalLifetime() throws Exception {
        String name = unique("renew");
        Path node = generate(name, "--dns", "alias-" + name);
        X509Certificate old = certificate(node);

        try (KafkaConsumer<String, String> events = CertificateEvents.subscribe()) {
            Instant before = Instant.now();
            CaApiClient.Reply reply = client(node).post(RENEWAL, "");
            Instant after = Instant.now();

            assertEquals(200, reply.status(), "renewed: " + reply.body());
            X509Certificate renewed = PemCodec.readCertificate(reply.body());
            assertEquals(old.getSubjectX500Principal(), renewed.getSubjectX500Principal(), "same subject");
            assertEquals(old.getPublicKey(), renewed.getPublicKey(), "same key: the agent keeps its private key");
            assertEquals(String.valueOf(old.getSubjectAlternativeNames()),
                    String.valueOf(renewed.getSubjectAlternativeNames()), "same SANs");
            assertEquals(old.getExtendedKeyUsage(), renewed.getExtendedKeyUsage(), "same extended key usage");
            assertNotEquals(old.getSerialNumber(), renewed.getSerialNumber(), "a new serial");
            renewed.verify(PemCodec.readCertificate(Files.readString(CaTestSupport.caDir().resolve("ca_crt.pem")))
                    .getPublicKey());
            Instant notAfter = renewed.getNotAfter().toInstant();
            assertTrue(!notAfter.isBefore(before.plus(Duration.ofHours(2)).minusSeconds(1))
                    && !notAfter.isAfter(after.plus(Duration.ofHours(2))),
                    "valid for auto-renewal.cert-ttl (2 h) from the renewal, not cert-ttl: " + notAfter);

            var status = JSON.readTree(CaTestSupport.admin().get("/puppet-ca/v1/certificate_status/" + name).body());
            assertEquals(renewed.getSerialNumber().toString(), status.path("serial_number").asText(),
                    "the status shows the renewed certificate: " + status);
            assertEquals(reply.body(), new AnonymousCaClient().send("GET", "/puppet-ca/v1/certificate/" + name,
                    null).body(), "GET certificate/<name> serves the renewed certificate");
            assertTrue(CertificateEvents.await(events, name, "io.puppetplane.ca.certificate-renewed.v1"),
                    "a certificate-renewed event is published through the outbox");
        }
    }

    @Test
    void previousCertificateStaysValidAndIsRevokedWithTheName() throws Exception {
        String name = unique("chain");
        Path node = generate(name);
        BigInteger first = certificate(node).getSerialNumber();
        CaApiClient.Reply once = client(node).post(RENEWAL, "");
        assertEquals(200, once.status(), "first renewal: " + once.body());
        CaApiClient.Reply again = client(node).post(RENEWAL, "");
        assertEquals(200, again.status(), "the previous certificate may renew again (the agent lost the answer): "
                + again.body());
        BigInteger second = PemCodec.readCertificate(once.body()).getSerialNumber();
        BigInteger third = PemCodec.readCertificate(again.body()).getSerialNumber();
        assertTrue(!crl().isRevoked(certificate(node)), "the previous certificate stays valid until it expires");

        assertEquals(0, CaTestSupport.cli("revoke", name).exitCode(), "revoked by the operator");

        X509CRL crl = crl();
        for (BigInteger serial : new BigInteger[] { first, second, third }) {
            assertTrue(crl.getRevokedCertificate(serial) != null,
                    "revoking the name revokes serial " + serial + " too (first " + first + ", live " + third + ")");
        }
        CaApiClient.Reply refused = client(node).post(RENEWAL, "");
        assertEquals(403, refused.status(), "a revoked certificate is not renewed: " + refused.body());
        assertTrue(refused.body().contains("revoked"), "the message says why: " + refused.body());
    }

    @Test
    void cleanedNameAndMissingClientCertificateAreRefused() throws Exception {
        String name = unique("cleaned");
        Path node = generate(name);
        assertEquals(204, CaTestSupport.admin().delete("/puppet-ca/v1/certificate_status/" + name).status(),
                "deleted (not revoked), as puppetserver ca clean --no-revoke would");
        CaApiClient.Reply refused = client(node).post(RENEWAL, "");
        assertEquals(403, refused.status(), "a cleaned name may not renew: " + refused.body());
        assertTrue(refused.body().contains("cleaned"), "the message says why: " + refused.body());

        HttpResponse<String> anonymous = new AnonymousCaClient().send("POST", RENEWAL, "");
        assertEquals(400, anonymous.statusCode(), "no client certificate: " + anonymous.body());
        assertTrue(anonymous.body().contains("No valid certificate"), anonymous.body());
    }

    @Test
    void agentThatRenewsItselfGetsTheRenewalLifetimeFromItsFirstCertificate() throws Exception {
        String renewing = unique("puppet8");
        String legacy = unique("puppet7");
        AnonymousCaClient agent = new AnonymousCaClient();
        assertEquals(200, agent.putCsr(renewing, TestCsrs.csr(renewing, null, null, true)).statusCode(), "stored");
        assertEquals(200, agent.putCsr(legacy, TestCsrs.csr(legacy, null, null, false)).statusCode(), "stored");
        assertEquals(0, CaTestSupport.cli("sign", renewing).exitCode(), "signed");
        assertEquals(0, CaTestSupport.cli("sign", legacy).exitCode(), "signed");

        Instant renewingEnd = served(agent, renewing).getNotAfter().toInstant();
        Instant legacyEnd = served(agent, legacy).getNotAfter().toInstant();
        assertTrue(renewingEnd.isBefore(Instant.now().plus(Duration.ofHours(3))),
                "pp_auth_auto_renew=true in the CSR gives auto-renewal.cert-ttl (2 h): " + renewingEnd);
        assertTrue(legacyEnd.isAfter(Instant.now().plus(Duration.ofDays(365))),
                "an agent that cannot renew keeps cert-ttl (5 years): " + legacyEnd);
    }

    private static X509Certificate served(AnonymousCaClient agent, String name) throws Exception {
        HttpResponse<String> reply = agent.send("GET", "/puppet-ca/v1/certificate/" + name, null);
        assertEquals(200, reply.statusCode(), "certificate of " + name + ": " + reply.body());
        return PemCodec.readCertificate(reply.body());
    }

    private static X509CRL crl() throws Exception {
        HttpResponse<String> reply = new AnonymousCaClient().send("GET",
                "/puppet-ca/v1/certificate_revocation_list/ca", null);
        return PemCodec.readCrls(reply.body()).get(0);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
    }

    /** A node key and certificate made by the CA ({@code puppetplane-ca generate}), as an agent would hold them. */
    private static Path generate(String name, String... options) throws Exception {
        Path out = Files.createTempDirectory("renewal-node");
        String[] args = new String[options.length + 4];
        args[0] = "generate";
        args[1] = name;
        System.arraycopy(options, 0, args, 2, options.length);
        args[options.length + 2] = "--out";
        args[options.length + 3] = out.toString();
        CaTestSupport.CliRun run = CaTestSupport.cli(args);
        assertEquals(0, run.exitCode(), "generated " + name + ": " + run);
        return out;
    }

    private static X509Certificate certificate(Path node) throws Exception {
        return PemCodec.readCertificate(Files.readString(node.resolve("cert.pem")));
    }

    private static CaApiClient client(Path node) throws Exception {
        return new CaApiClient(URI.create(CaTestSupport.url()), node.resolve("cert.pem"), node.resolve("key.pem"),
                node.resolve("ca.pem"));
    }
}
