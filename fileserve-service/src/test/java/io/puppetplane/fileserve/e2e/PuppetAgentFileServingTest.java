package io.puppetplane.fileserve.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.puppetplane.events.CloudEventCodec;
import io.puppetplane.events.OutgoingEvent;
import io.puppetplane.events.payload.CertificateRevoked;
import io.puppetplane.fileserve.testing.FileserveMountsResource;
import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.puppetplane.trust.testing.TestCertificateAuthority;
import io.puppetplane.trust.testing.TestCertificateAuthority.IssuedCertificate;
import io.puppetplane.trust.testing.TestPkiResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Debian's real puppet-agent ({@code puppet apply}) fetches {@code puppet://localhost:PORT/<mount>/cloud-cert.pem}
 * from this service with a client certificate made here (an ssldir prepared in a temp dir, so no CA service is
 * needed), exactly as the {@code certs} class of the example site does. Facter's complaints about /proc/1/environ
 * in this sandbox are noise in the output, not failures.
 */
@QuarkusTest
@QuarkusTestResource(PostgresAndKafkaTestResource.class)
@QuarkusTestResource(TestPkiResource.class)
@QuarkusTestResource(FileserveMountsResource.class)
class PuppetAgentFileServingTest {

    private static final Path PUPPET = Path.of("/usr/bin/puppet");

    @TestHTTPResource(value = "/", tls = true)
    URI server;
    @ConfigProperty(name = "puppetplane.test.pki-dir")
    Path pkiDir;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    /** Per-run directories (QuarkusTest does not inject @TempDir fields), removed after each test. */
    private final List<Path> workDirs = new ArrayList<>();

    @AfterEach
    void removeWorkDirs() throws IOException {
        for (Path dir : workDirs) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        workDirs.clear();
    }

    @Test
    void allowedNodeReceivesTheExactBytes() throws Exception {
        AgentRun run = apply("nc1.example.com", agentCertificate("nc1.example.com"), "eucakeys");

        assertEquals(FileserveMountsResource.CLOUD_CERT, Files.readString(run.target()), "exact bytes\n" + run.output());
        assertTrue(run.exitCode() == 0 || run.exitCode() == 2, "apply succeeded:\n" + run.output());
    }

    @Test
    void deniedCertnameGetsA403InItsRunAndNoFile() throws Exception {
        AgentRun run = apply(FileserveMountsResource.OUTSIDER, agentCertificate(FileserveMountsResource.OUTSIDER),
                "eucakeys");

        assertTrue(run.output().contains("Error 403 on SERVER: Forbidden: " + FileserveMountsResource.OUTSIDER),
                "the agent shows our message:\n" + run.output());
        assertTrue(run.output().contains("deny " + FileserveMountsResource.OUTSIDER), run.output());
        assertFalse(Files.exists(run.target()), "no file");
    }

    @Test
    void nodeOutsideTheAllowedCidrGetsA403InItsRunAndNoFile() throws Exception {
        AgentRun run = apply("nc1.example.com", agentCertificate("nc1.example.com"), "faraway");

        assertTrue(run.output().contains("Error 403 on SERVER: Forbidden: nc1.example.com (127.0.0.1) may not read "
                + "from mount 'faraway': no allow rule matches"), "the agent shows our message:\n" + run.output());
        assertFalse(Files.exists(run.target()), "no file");
    }

    @Test
    void nodeRevokedByAnEventIsRefusedThoughItsOwnCrlIsStale() throws Exception {
        IssuedCertificate node = agentCertificate("revoked-node.example.com");
        publishRevocation("revoked-node.example.com", node);
        awaitRefusal(node);

        AgentRun run = apply("revoked-node.example.com", node, "eucakeys");

        assertTrue(run.output().contains("Error 403 on SERVER: Forbidden: the certificate of revoked-node.example.com"),
                "the agent shows our message:\n" + run.output());
        assertFalse(Files.exists(run.target()), "no file");
    }

    private void publishRevocation(String certname, IssuedCertificate certificate) throws Exception {
        OutgoingEvent event = new CloudEventCodec("ca-service", Clock.systemUTC()).encode(
                new CertificateRevoked(certname, certificate.serial().toString(), Instant.now(), "test"), certname);
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(event.topic(), event.key(), event.cloudEventJson())).get();
        }
    }

    /** Waits until this replica has applied the revocation, so the agent run is not a race. */
    private void awaitRefusal(IssuedCertificate certificate) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(certificate.clientContext())
                .connectTimeout(Duration.ofSeconds(30)).build();
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/puppet/v3/file_metadata/eucakeys/cloud-cert.pem"))
                .timeout(Duration.ofSeconds(30)).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 403) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the revocation event was not applied within 30 s");
            }
            Thread.sleep(200);
        }
    }

    private record AgentRun(int exitCode, String output, Path target) {
    }

    private IssuedCertificate agentCertificate(String certname) {
        return TestCertificateAuthority.loadFrom(pkiDir).issueClient(certname, Map.of());
    }

    /** One {@code puppet apply} with its own confdir, vardir and ssldir, fetching {@code <mount>/cloud-cert.pem}. */
    private AgentRun apply(String certname, IssuedCertificate certificate, String mount)
            throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("puppet-agent-");
        workDirs.add(work);
        Path ssldir = work.resolve("ssl");
        Files.createDirectories(ssldir.resolve("certs"));
        Files.createDirectories(ssldir.resolve("private_keys"));
        Files.copy(pkiDir.resolve("ca.pem"), ssldir.resolve("certs/ca.pem"));
        // the agent's own CRL predates any revocation (agents never refresh it by default): the server must decide
        TestCertificateAuthority ca = TestCertificateAuthority.loadFrom(pkiDir);
        Files.writeString(ssldir.resolve("crl.pem"), TestCertificateAuthority.pem(ca.crl(List.of())));
        Files.writeString(ssldir.resolve("certs/" + certname + ".pem"),
                TestCertificateAuthority.pem(certificate.certificate()));
        Files.writeString(ssldir.resolve("private_keys/" + certname + ".pem"), TestCertificateAuthority.pem(certificate.key()));
        Path target = work.resolve("x/key");
        Files.createDirectories(target.getParent());
        String manifest = "file { '" + target + "': source => 'puppet://localhost:" + server.getPort() + "/" + mount
                + "/cloud-cert.pem' }";
        List<String> command = new ArrayList<>(List.of(PUPPET.toString(), "apply", "--detailed-exitcodes",
                "--confdir", work.resolve("conf").toString(), "--vardir", work.resolve("var").toString(),
                "--ssldir", ssldir.toString(), "--codedir", work.resolve("code").toString(),
                "--logdir", work.resolve("log").toString(), "--rundir", work.resolve("run").toString(),
                "--certname", certname, "--color", "false", "-e", manifest));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("agent.log").toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("puppet apply did not finish in 180 s:\n" + Files.readString(work.resolve("agent.log")));
        }
        return new AgentRun(process.exitValue(), Files.readString(work.resolve("agent.log"), StandardCharsets.UTF_8),
                target);
    }
}
