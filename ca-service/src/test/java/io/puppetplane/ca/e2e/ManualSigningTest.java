package io.puppetplane.ca.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import io.puppetplane.ca.service.PemCodec;
import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** With no autosign rule matching loopback, agents wait for an operator; revocation reaches the CRL and Kafka. */
@QuarkusTest
@QuarkusTestResource(value = PostgresAndKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
class ManualSigningTest {

    @Test
    void nameOutsideEveryRuleStaysPendingUntilTheOperatorSignsIt() throws Exception {
        PuppetAgent.assumeInstalled();
        PuppetAgent agent = new PuppetAgent(Files.createTempDirectory("agent-pending"), "pending1.example.com",
                CaTestSupport.httpsPort());

        PuppetAgent.Run first = agent.bootstrap();
        assertNotEquals(0, first.exitCode(), "no rule matches, so the agent must still wait:\n" + first.output());
        assertFalse(Files.exists(agent.certificate()), "no certificate before signing");
        CaTestSupport.CliRun pending = CaTestSupport.cli("list", "--state", "requested");
        assertTrue(pending.out().contains("pending1.example.com"), "the CSR is pending: " + pending);

        CaTestSupport.CliRun sign = CaTestSupport.cli("sign", "pending1.example.com");
        assertEquals(0, sign.exitCode(), "the operator signs with the CLI: " + sign);

        PuppetAgent.Run second = agent.bootstrap();
        assertEquals(0, second.exitCode(), "after signing the agent gets its certificate:\n" + second.output());
        assertTrue(Files.isRegularFile(agent.certificate()), "certificate saved by the agent");
    }

    @Test
    void revokedCertificateIsListedInTheCrlPublishedAndRefusedByTheAgent() throws Exception {
        PuppetAgent.assumeInstalled();
        String name = "revoked1.example.com";
        PuppetAgent agent = new PuppetAgent(Files.createTempDirectory("agent-revoked"), name,
                CaTestSupport.httpsPort());
        agent.bootstrap();
        assertEquals(0, CaTestSupport.cli("sign", name).exitCode(), "signed by the operator");
        PuppetAgent.Run enrolled = agent.bootstrap();
        assertEquals(0, enrolled.exitCode(), "enrolled:\n" + enrolled.output());
        X509Certificate cert = PemCodec.readCertificate(Files.readString(agent.certificate()));

        try (KafkaConsumer<String, String> consumer = certificateEvents()) {
            CaTestSupport.CliRun revoke = CaTestSupport.cli("revoke", name);
            assertEquals(0, revoke.exitCode(), "the operator revokes with the CLI: " + revoke);

            String crlPem = new AnonymousCaClient().send("GET", "/puppet-ca/v1/certificate_revocation_list/ca", null)
                    .body();
            X509CRL crl = PemCodec.readCrls(crlPem).get(0);
            assertTrue(crl.isRevoked(cert), "the CRL lists serial " + cert.getSerialNumber());
            assertTrue(crl.getNextUpdate().toInstant().isAfter(Instant.now().plus(Duration.ofDays(365 * 4))),
                    "nextUpdate is years away, since agents never refresh their CRL");

            assertTrue(awaitEvent(consumer, name, "io.puppetplane.ca.certificate-revoked.v1"),
                    "a certificate-revoked event for " + name + " reached Kafka");
        }

        // An agent that fetches the current CRL refuses its own revoked certificate.
        Files.delete(agent.ssldir().resolve("crl.pem"));
        PuppetAgent.Run after = agent.bootstrap();
        assertNotEquals(0, after.exitCode(), "the revoked agent is refused:\n" + after.output());
        assertTrue(after.output().toLowerCase().contains("revoked"), "the agent says why:\n" + after.output());
    }

    static KafkaConsumer<String, String> certificateEvents() {
        return CertificateEvents.subscribe();
    }

    static boolean awaitEvent(KafkaConsumer<String, String> consumer, String key, String type) {
        return CertificateEvents.await(consumer, key, type);
    }
}
