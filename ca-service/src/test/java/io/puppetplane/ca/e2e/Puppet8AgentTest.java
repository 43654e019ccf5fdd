package io.puppetplane.ca.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.puppetplane.ca.service.PemCodec;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Debian 13's puppet-agent 8.10 (from the Debian 13 root, see {@link PuppetAgent#puppet8}) and Debian 12's 7.23 against
 * the CA: automatic renewal of a short-lived certificate, and conditional refreshes of the CA certificate and CRL
 * answered 304, counted by the server ({@code puppetplane.ca.downloads}).
 */
@QuarkusTest
@TestProfile(RenewingAgentsProfile.class)
class Puppet8AgentTest {

    @Inject
    MeterRegistry registry;

    @Test
    void puppet8AgentRenewsItsShortLivedCertificateBeforeItExpires() throws Exception {
        PuppetAgent.assumePuppet8Root();
        PuppetAgent agent = PuppetAgent.puppet8("renewing8.example.com", CaTestSupport.httpsPort());

        PuppetAgent.Run enrolled = agent.bootstrap();
        assertEquals(0, enrolled.exitCode(), "puppet 8 enrolls:\n" + enrolled.output());
        X509Certificate first = PemCodec.readCertificate(Files.readString(agent.certificate()));
        assertTrue(first.getNotAfter().toInstant().isBefore(Instant.now().plus(Duration.ofHours(3))),
                "the agent says it renews itself (pp_auth_auto_renew), so it gets the 2 h renewal lifetime: "
                        + first.getNotAfter());

        // hostcert_renewal_interval is 30 days by default: a 2 h certificate is due at once.
        try (var events = CertificateEvents.subscribe()) {
            PuppetAgent.Run renewal = agent.bootstrap();
            assertEquals(0, renewal.exitCode(), "the run renews and carries on:\n" + renewal.output());
            assertTrue(renewal.output().contains("Renewed client certificate"), "the agent says it renewed:\n"
                    + renewal.output());
            X509Certificate renewed = PemCodec.readCertificate(Files.readString(agent.certificate()));
            assertNotEquals(first.getSerialNumber(), renewed.getSerialNumber(), "the agent saved a new certificate");
            assertEquals(first.getPublicKey(), renewed.getPublicKey(), "for the key it already has");
            assertEquals(first.getSubjectX500Principal(), renewed.getSubjectX500Principal(), "same subject");
            assertTrue(CertificateEvents.await(events, "renewing8.example.com",
                    "io.puppetplane.ca.certificate-renewed.v1"), "the renewal is published");
        }
        PuppetAgent.Run verify = agent.verify();
        assertEquals(0, verify.exitCode(), "the renewed certificate verifies against CA and CRL:\n"
                + verify.output());
    }

    @Test
    void puppet8RefreshesOfAnUnchangedCaCertificateAndCrlAre304() throws Exception {
        PuppetAgent.assumePuppet8Root();
        PuppetAgent agent = PuppetAgent.puppet8("refreshing8.example.com", CaTestSupport.httpsPort());
        // No renewal here: only the refreshes are looked at.
        assertEquals(0, agent.bootstrap("--hostcert_renewal_interval", "0").exitCode(), "enrolled");

        for (int run = 1; run <= 2; run++) {
            double caBefore = downloads("ca_certificate", "not_modified");
            double crlBefore = downloads("crl", "not_modified");
            double bodiesBefore = downloads("ca_certificate", "refreshed") + downloads("crl", "refreshed");
            // The refresh is due when now > the copy's mtime + interval, in whole seconds.
            Thread.sleep(2_100);
            PuppetAgent.Run refresh = agent.bootstrap("--hostcert_renewal_interval", "0",
                    "--ca_refresh_interval", "1", "--crl_refresh_interval", "1");
            assertEquals(0, refresh.exitCode(), "run " + run + ":\n" + refresh.output());
            assertTrue(refresh.output().contains("CA certificate is unmodified")
                    && refresh.output().contains("CRL is unmodified"),
                    "run " + run + ": the agent was told both are unmodified:\n" + refresh.output());
            assertEquals(caBefore + 1, downloads("ca_certificate", "not_modified"),
                    "run " + run + ": the server answered the CA certificate refresh with 304");
            assertEquals(crlBefore + 1, downloads("crl", "not_modified"),
                    "run " + run + ": the server answered the CRL refresh with 304");
            assertEquals(bodiesBefore, downloads("ca_certificate", "refreshed") + downloads("crl", "refreshed"),
                    "run " + run + ": no conditional GET got a body");
        }
    }

    @Test
    void puppet7CrlRefreshOfAnUnchangedCrlIs304() throws Exception {
        PuppetAgent.assumeInstalled();
        PuppetAgent agent = new PuppetAgent(Files.createTempDirectory("agent-refreshing7"), "refreshing7.example.com",
                CaTestSupport.httpsPort());
        PuppetAgent.Run enrolled = agent.bootstrap();
        assertEquals(0, enrolled.exitCode(), "puppet 7 enrolls:\n" + enrolled.output());
        X509Certificate cert = PemCodec.readCertificate(Files.readString(agent.certificate()));
        assertTrue(cert.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(365))),
                "puppet 7 cannot renew, so it keeps cert-ttl: " + cert.getNotAfter());

        double crlBefore = downloads("crl", "not_modified");
        Thread.sleep(2_100);
        PuppetAgent.Run refresh = agent.bootstrap("--crl_refresh_interval", "1");
        assertEquals(0, refresh.exitCode(), refresh.output());
        assertEquals(crlBefore + 1, downloads("crl", "not_modified"), "the CRL refresh was answered 304:\n"
                + refresh.output());
    }

    private double downloads(String resource, String answer) {
        Counter counter = registry.find("puppetplane.ca.downloads").tag("resource", resource).tag("answer", answer)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
