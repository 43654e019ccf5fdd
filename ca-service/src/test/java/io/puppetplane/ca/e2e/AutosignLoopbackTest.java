package io.puppetplane.ca.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;

import io.puppetplane.ca.service.PemCodec;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(AutosignLoopbackProfile.class)
class AutosignLoopbackTest {

    @Test
    void agentFromAllowedCidrGetsItsCertificateAtOnce() throws Exception {
        PuppetAgent.assumeInstalled();
        PuppetAgent agent = new PuppetAgent(Files.createTempDirectory("agent-web1"), "web1.example.com", CaTestSupport.httpsPort());

        PuppetAgent.Run run = agent.bootstrap();

        assertEquals(0, run.exitCode(), "puppet ssl bootstrap should succeed:\n" + run.output());
        assertTrue(Files.isRegularFile(agent.certificate()), "the agent saved its certificate:\n" + run.output());
        X509Certificate cert = PemCodec.readCertificate(Files.readString(agent.certificate()));
        assertEquals("CN=web1.example.com", cert.getSubjectX500Principal().getName(), "subject is the certname");
        try (var events = ManualSigningTest.certificateEvents()) {
            assertTrue(ManualSigningTest.awaitEvent(events, "web1.example.com",
                    "signed: requester 127.0.0.1 within 127.0.0.0/8"),
                    "csr-submitted records the autosign decision and its reason");
        }
        CaTestSupport.CliRun list = CaTestSupport.cli("list", "--state", "signed");
        assertTrue(list.out().contains("web1.example.com"), "the CLI lists the signed agent: " + list);
    }
}
