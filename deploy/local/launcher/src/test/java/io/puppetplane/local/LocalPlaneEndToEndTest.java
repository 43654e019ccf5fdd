package io.puppetplane.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 * autosign, pluginsync of the role fact, a catalog of the example site per role, the report on its Kafka topic, and
 * the {@code certs} class applied for real with its key files from fileserve-service's {@code eucakeys} mount.
 *
 * <p>The plane serves a copy of the example site ({@link KeysTestSite}) that differs only in test scaffolding: a
 * per-node Hiera level, a fileserver.conf allowing 127.0.0.1/32 alone, and top-scope code that makes the
 * {@code certs} files of the {@code keys-*} nodes real (every agent runs with {@code --noop}, so nothing outside
 * the test's temporary directories is ever changed on this machine).
 *
 * <p>The agent here is the host's Debian 12 puppet-agent 7.23; {@link Puppet8AgentEndToEndTest} runs these same
 * tests with Debian 13's 8.10 by overriding the agent hooks ({@link #assumeTheAgentRuns}, {@link #agentWorkDirectory},
 * {@link #asTheAgentSees}, {@link #newAgent}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalPlaneEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Nodes whose {@code certs} files are applied for real; only the first dials from inside the allowed CIDR. */
    private static final String IN_CIDR = "keys-in.cloud.test";
    private static final String OUTSIDE_CIDR = "keys-out.cloud.test";
    private static final String REVOKED = "keys-revoked.cloud.test";
    private static final List<String> KEY_FILES = List.of("cloud-cert.pem", "cluster-cert.pem", "node-cert.pem",
            "node-pk.pem");

    private Path work;
    /** Where agents' directories, role files and key directories are, as this process sees it. */
    private Path agentWork;
    private Path home;
    private Path exampleKeys;
    private KeysTestSite site;

    LocalControlPlane plane;
    LocalControlPlane.Ready ready;

    /** Skips the class, saying why, when this agent cannot run on this machine. */
    void assumeTheAgentRuns() {
        assumeTrue(PuppetAgent.installed(), "Debian's puppet-agent is not installed (.ci/run installs it)");
    }

    /** A directory for agents' files that the agent can reach; the host's agent reaches the test's own. */
    Path agentWorkDirectory(Path testDirectory) throws Exception {
        return testDirectory;
    }

    /** A path under {@link #agentWorkDirectory} as the agent sees it. */
    Path asTheAgentSees(Path path) {
        return path;
    }

    PuppetAgent newAgent(Path baseDir, Path config, String certname, Map<String, String> environment)
            throws Exception {
        return new PuppetAgent(baseDir, config, certname, environment);
    }

    @BeforeAll
    void startThePlane(@TempDir Path dir) throws Exception {
        work = dir;
        assumeTheAgentRuns();
        agentWork = agentWorkDirectory(dir);
        home = Path.of("../../..").toAbsolutePath().normalize();
        exampleKeys = home.resolve("deploy/local/example-code/keys");
        site = KeysTestSite.copyOf(home.resolve("deploy/local/example-code"), work.resolve("code"),
                List.of(IN_CIDR, OUTSIDE_CIDR, REVOKED), agentWork.resolve("keys"),
                asTheAgentSees(agentWork.resolve("keys")), System.getProperty("user.name"));
        plane = new LocalControlPlane(LaunchOptions.parse(home, "--state-dir", work.resolve("state").toString(),
                "--codedir", site.codeDir().toString(), "--fresh"));
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
        assertTrue(ready.line().contains(" puppetdb=https://localhost:8081 "),
                "the ready line names the PuppetDB API for the fleet's tools: " + ready.line());
        String conf = Files.readString(ready.agentConfig());
        assertTrue(conf.contains("server = localhost") && conf.contains("ca_port = 8141"),
                "puppet.conf points agents at the plane: " + conf);
    }

    @Test
    void ncAndCcAgentsEnrollConvergeByRoleAndTheirReportsReachKafka() throws Exception {
        for (String role : List.of("nc", "cc")) {
            registerWithEnrollment(role + "1.cloud.test", role);
            PuppetAgent agent = agentWithRole(role + "1.cloud.test", role);

            // Packages and services in noop: the test machine is not a Eucalyptus node.
            PuppetAgent.Result run = agent.test("--noop");

            assertTrue(run.succeeded(), role + " agent run must succeed (exit " + run.exitCode() + "):\n" + run.output());
            assertTrue(run.output().contains("my role is " + role),
                    "pluginsync must bring the role fact so the site sees role " + role + ":\n" + run.output());
            assertTrue(Files.isRegularFile(agent.directory().resolve("ssl/certs/" + role + "1.cloud.test.pem")),
                    "the agent must hold the certificate autosigned for it");
            if (role.equals("nc")) {
                awaitExportedInPuppetDb("nc1.cloud.test", Duration.ofSeconds(60));
            } else {
                assertTrue(run.output().contains("File[/var/lib/eucalyptus/nodes/nc1.cloud.test]"),
                        "the cc's catalog holds the file nc1 exported, collected through the inventory:\n"
                        + run.output());
            }
        }
        Set<String> reported = reportsOnKafka(Set.of("nc1.cloud.test", "cc1.cloud.test"), Duration.ofSeconds(60));
        assertEquals(Set.of("nc1.cloud.test", "cc1.cloud.test"), reported,
                "both runs' reports must reach the reports topic");
        PlaneClients clients = new PlaneClients(plane);
        for (String certname : reported) {
            String inventory = awaitInventoryWithARun(certname, Duration.ofSeconds(60));
            assertTrue(inventory.contains("\"lastRunStatus\":\"unchanged\"")
                    || inventory.contains("\"lastRunStatus\":\"changed\""),
                    "the API shows the run of the report catalog-service published: " + inventory);
            assertFactsAndLastRunComeFromTheInventory(clients, certname, inventory);
        }
    }

    /**
     * What enrollment-service's API and dashboard show of a node's facts and last run is what the inventory's
     * PuppetDB API answers (enrollment-service keeps no copy): the latest report's status and end, the facts.
     */
    static void assertFactsAndLastRunComeFromTheInventory(PlaneClients clients, String certname,
            String inventory) throws Exception {
        String pdbNode = clients.awaitPuppetDb("/pdb/query/v4/nodes/" + certname);
        String status = field(pdbNode, "latest_report_status");
        String reportTimestamp = field(pdbNode, "report_timestamp");
        assertTrue(inventory.contains("\"lastRunStatus\":\"" + status + "\""),
                "the API's last run is the inventory's latest report (" + status + "): " + inventory);
        assertTrue(inventory.contains("\"lastRunAt\":\"" + java.time.Instant.parse(reportTimestamp) + "\""),
                "at the inventory's report_timestamp " + reportTimestamp + ": " + inventory);
        String kernel = field(clients.awaitPuppetDb("/pdb/query/v4/nodes/" + certname + "/facts/kernel"), "value");
        assertTrue(inventory.contains("\"kernel\":\"" + kernel + "\"") && inventory.contains("\"role\":\""),
                "the API's facts are the inventory's (kernel " + kernel + ", the pluginsynced role): " + inventory);

        String page = clients.page("/dashboard/nodes/" + certname);
        assertTrue(page.contains("id=\"last-run\">" + status + " " + java.time.Instant.parse(reportTimestamp)),
                "the node's page shows the inventory's last run: " + page);
        assertTrue(page.contains("<tr><th>kernel</th><td><code>&quot;" + kernel + "&quot;</code></td></tr>")
                && page.contains("<tr><th>role</th>"), "and its facts: " + page);
        assertFalse(page.contains("inventory-unavailable"), "the inventory answered: " + page);
        String dashboard = clients.page("/dashboard/nodes?q=" + certname);
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("<tr id=\"node-" + java.util.regex.Pattern
                .quote(certname) + "\">.*?<td class=\"last-run\" data-status=\"[^\"]*\" data-report-status=\"([^\"]*)\"",
                java.util.regex.Pattern.DOTALL).matcher(dashboard);
        boolean listed = row.find();
        assertTrue(listed && row.group(1).equals(status),
                "the nodes table's last run is the inventory's: " + (listed ? row.group(1) : dashboard));
    }

    /** A top-level string field of the first JSON object in {@code json}. */
    static String field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    @Test
    void nodeInsideTheAllowedCidrReceivesTheKeyFilesWithTheirBytesAndModes() throws Exception {
        PuppetAgent agent = keysAgent(IN_CIDR);

        PuppetAgent.Result run = agent.test("--noop");

        assertTrue(run.succeeded(), "the run must succeed (exit " + run.exitCode() + "):\n" + run.output());
        Path keydir = site.keyDirectoryOf(IN_CIDR);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keydir)),
                "the key directory has the manifest's mode 0700:\n" + run.output());
        for (String key : KEY_FILES) {
            Path file = keydir.resolve(key);
            assertTrue(Files.isRegularFile(file), key + " must be written from the eucakeys mount:\n" + run.output());
            assertArrayEquals(Files.readAllBytes(exampleKeys.resolve(key)), Files.readAllBytes(file),
                    key + " must have exactly the bytes of the mount's file");
            String mode = key.endsWith("-pk.pem") ? "rw-------" : "rw-r--r--";
            assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                    key + " has the manifest's mode");
            assertEquals(System.getProperty("user.name"), Files.getOwner(file).getName(), key + " has the owner");
        }
        assertTrue(run.output().contains("Exec[euca-register]") && run.output().contains("(noop)"),
                "the registration exec stays in noop:\n" + run.output());
    }

    @Test
    void nodeOutsideTheAllowedCidrGetsA403InItsRunAndNoKeyFile() throws Exception {
        PuppetAgent agent = keysAgent(OUTSIDE_CIDR);

        // Puppet's own sourceaddress setting: every connection of this agent comes from 127.0.0.2.
        PuppetAgent.Result run = agent.test("--noop", "--sourceaddress", "127.0.0.2");

        assertTrue(run.output().contains("Error 403 on SERVER: Forbidden: " + OUTSIDE_CIDR + " (127.0.0.2) may not "
                + "read from mount 'eucakeys': no allow rule matches"),
                "the run shows fileserve-service's refusal:\n" + run.output());
        assertTrue(run.exitCode() == 4 || run.exitCode() == 6,
                "refused files are failed resources (exit " + run.exitCode() + "):\n" + run.output());
        for (String key : KEY_FILES) {
            assertFalse(Files.exists(site.keyDirectoryOf(OUTSIDE_CIDR).resolve(key)),
                    key + " must not reach a node outside the allowed CIDR");
        }
        assertTrue(run.output().contains("my role is nc"), "the rest of the catalog still applies:\n" + run.output());
    }

    @Test
    void revokedNodeIsRefusedAndWritesNothing() throws Exception {
        PuppetAgent agent = keysAgent(REVOKED);
        PuppetAgent.Result enrolled = agent.bootstrapCertificate();
        assertEquals(0, enrolled.exitCode(), "the node enrolls by autosign first:\n" + enrolled.output());

        revokeWithTheCaCli(REVOKED);
        // revocation reaches catalog-service and fileserve-service as a Kafka event: wait, so the run is no race
        agent.awaitRefusalBy("https://localhost:" + LocalControlPlane.CATALOG_PORT + "/puppet/v3/node/" + REVOKED
                + "?environment=production");
        agent.awaitRefusalBy("https://localhost:" + LocalControlPlane.FILESERVE_PORT
                + "/puppet/v3/file_metadata/eucakeys/cloud-cert.pem?environment=production");
        PuppetAgent.Result run = agent.test("--noop");

        assertFalse(run.succeeded(), "a revoked node's run must fail:\n" + run.output());
        assertTrue(run.output().contains("Error 403 on SERVER"), "the run shows the refusal:\n" + run.output());
        assertFalse(Files.exists(site.keyDirectoryOf(REVOKED)), "a revoked node writes nothing:\n" + run.output());
    }

    /** The operator's way: ca-service's CLI with the operator certificate the CA wrote at bootstrap. */
    private void revokeWithTheCaCli(String certname) throws Exception {
        ProcessBuilder cli = new ProcessBuilder(home.resolve("ca-service/bin/puppetplane-ca").toString(), "revoke",
                certname).redirectErrorStream(true);
        cli.environment().put("PUPPETPLANE_CA_DIR", plane.stateDir().resolve("ca").toString());
        cli.environment().put("PUPPETPLANE_CA_URL", "https://localhost:" + LocalControlPlane.CA_PORT);
        Process process = cli.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the CA CLI must finish");
        assertEquals(0, process.exitValue(), "puppetplane-ca revoke " + certname + ": " + output);
    }

    private PuppetAgent keysAgent(String certname) throws Exception {
        return agentWithRole(certname, "nc");
    }

    /** An agent whose pluginsynced role fact reads {@code role} from its own role file. */
    PuppetAgent agentWithRole(String certname, String role) throws Exception {
        Path roleFile = Files.writeString(agentWork.resolve(certname + ".role"), role + "\n");
        return newAgent(agentWork.resolve("agents"), ready.agentConfig(), certname,
                Map.of("PUPPETPLANE_ROLE_FILE", asTheAgentSees(roleFile).toString()));
    }

    /** The operator's first step: the node is known to enrollment-service before its agent runs. */
    void registerWithEnrollment(String certname, String role) throws Exception {
        HttpResponse<String> created = HTTP.send(api(dashboard("/api/v1/nodes"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"certname\":\"" + certname
                        + "\",\"address\":\"127.0.0.1\",\"kind\":\"cloud-instance\",\"role\":\"" + role + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), "enrollment-service must register " + certname + ": " + created.body());
    }

    /**
     * The node's exported resources, as PuppetDB's query API on the inventory's loopback port answers them (the way
     * pypuppetdb or Puppetboard would ask), once its catalog event was stored.
     */
    void awaitExportedInPuppetDb(String certname, Duration timeout) throws Exception {
        String query = java.net.URLEncoder.encode("[\"and\",[\"=\",\"certname\",\"" + certname
                + "\"],[\"=\",\"exported\",true]]", java.nio.charset.StandardCharsets.UTF_8);
        URI uri = URI.create("http://127.0.0.1:" + LocalControlPlane.PUPPETDB_PLAIN_PORT
                + "/pdb/query/v4/resources?query=" + query);
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200 && r.body().contains("/var/lib/eucalyptus/nodes/" + certname)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the inventory must hold what " + certname + " exported, from catalog-service's "
                + "catalog event; last answer: " + last);
    }

    private String awaitInventoryWithARun(String certname, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HTTP.send(api(dashboard("/api/v1/nodes/" + certname
                    + "/inventory")).build(), HttpResponse.BodyHandlers.ofString());
            body = r.body();
            if (r.statusCode() == 200 && body.contains("\"lastRunStatus\":\"")) {
                return body;
            }
            Thread.sleep(500);
        }
        return body;
    }

    /** A request to enrollment-service's API as the plane's first admin. */
    private HttpRequest.Builder api(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", plane.operators().basicAuthorization());
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
