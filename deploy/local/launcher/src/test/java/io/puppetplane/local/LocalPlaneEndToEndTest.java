package io.puppetplane.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole plane as {@code deploy/local/up} runs it, driven by Debian's real puppet-agent: enrollment by CIDR
 * autosign, pluginsync of the role fact, a catalog of the example site per role, the report on its Kafka topic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalPlaneEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Path work;

    private LocalControlPlane plane;
    private LocalControlPlane.Ready ready;

    @BeforeAll
    void startThePlane(@TempDir Path dir) throws Exception {
        work = dir;
        assumeTrue(PuppetAgent.installed(), "Debian's puppet-agent is not installed (.ci/run installs it)");
        Path home = Path.of("../../..").toAbsolutePath().normalize();
        plane = new LocalControlPlane(LaunchOptions.parse(home, "--state-dir", work.resolve("state").toString(),
                "--fresh"));
        ready = plane.start();
        System.out.println(ready.line());
    }

    @AfterAll
    void stopThePlane() {
        if (plane != null) {
            plane.close();
        }
    }

    @Test
    void readyLineNamesAPuppetConfWithTheServersAgentsDial() throws Exception {
        assertTrue(ready.line().startsWith("ready: ") && ready.line().contains("agent-config=" + ready.agentConfig()),
                "the ready line names the agent configuration: " + ready.line());
        String conf = Files.readString(ready.agentConfig());
        assertTrue(conf.contains("server = localhost") && conf.contains("ca_port = 8141"),
                "puppet.conf points agents at the plane: " + conf);
    }

    @Test
    void ncAndCcAgentsEnrollConvergeByRoleAndTheirReportsReachKafka() throws Exception {
        for (String role : List.of("nc", "cc")) {
            registerWithEnrollment(role + "1.cloud.test", role);
            Path roleFile = Files.writeString(work.resolve(role + ".role"), role + "\n");
            PuppetAgent agent = new PuppetAgent(work.resolve("agents"), ready.agentConfig(), role + "1.cloud.test",
                    Map.of("PUPPETPLANE_ROLE_FILE", roleFile.toString()));

            // Packages and services in noop: the test machine is not a Eucalyptus node.
            PuppetAgent.Result run = agent.test("--noop");

            assertTrue(run.succeeded(), role + " agent run must succeed (exit " + run.exitCode() + "):\n" + run.output());
            assertTrue(run.output().contains("my role is " + role),
                    "pluginsync must bring the role fact so the site sees role " + role + ":\n" + run.output());
            assertTrue(Files.isRegularFile(agent.directory().resolve("ssl/certs/" + role + "1.cloud.test.pem")),
                    "the agent must hold the certificate autosigned for it");
        }
        Set<String> reported = reportsOnKafka(Set.of("nc1.cloud.test", "cc1.cloud.test"), Duration.ofSeconds(60));
        assertEquals(Set.of("nc1.cloud.test", "cc1.cloud.test"), reported,
                "both runs' reports must reach the reports topic");
        for (String certname : reported) {
            String inventory = awaitInventoryWithARun(certname, Duration.ofSeconds(60));
            assertTrue(inventory.contains("\"lastRunStatus\":\"unchanged\"")
                    || inventory.contains("\"lastRunStatus\":\"changed\""),
                    "enrollment-service must have applied the report catalog-service published: " + inventory);
        }
    }

    /** The operator's first step: the node is known to enrollment-service before its agent runs. */
    private static void registerWithEnrollment(String certname, String role) throws Exception {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(dashboard("/api/v1/nodes"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"certname\":\"" + certname
                        + "\",\"address\":\"127.0.0.1\",\"kind\":\"cloud-instance\",\"role\":\"" + role + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), "enrollment-service must register " + certname + ": " + created.body());
    }

    private static String awaitInventoryWithARun(String certname, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(dashboard("/api/v1/nodes/" + certname
                    + "/inventory")).build(), HttpResponse.BodyHandlers.ofString());
            body = r.body();
            if (r.statusCode() == 200 && body.contains("\"lastRunStatus\":\"")) {
                return body;
            }
            Thread.sleep(500);
        }
        return body;
    }

    private static URI dashboard(String path) {
        return URI.create("http://127.0.0.1:" + LocalControlPlane.DASHBOARD_PORT + path);
    }

    private static Set<String> reportsOnKafka(Set<String> wanted, Duration timeout) {
        Properties props = new Properties();
        props.putAll(Map.of("bootstrap.servers", "127.0.0.1:" + LocalControlPlane.KAFKA_PORT,
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName(),
                "group.id", "e2e-" + System.nanoTime(), "auto.offset.reset", "earliest"));
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of("puppetplane.reports"));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!seen.containsAll(wanted) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() != null && r.value().contains("report-received")) {
                        seen.add(r.key());
                    }
                }
            }
        }
        seen.retainAll(wanted);
        return seen;
    }
}
