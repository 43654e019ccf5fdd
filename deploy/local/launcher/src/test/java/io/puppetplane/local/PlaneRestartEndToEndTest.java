package io.puppetplane.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole local plane stopped with SIGTERM (services, then Kafka, then PostgreSQL, as Ctrl-C does) and started
 * again on the same state directory: the CA, its signed and pending certificates, the nodes with their
 * classification and enrollment step, reports, operator accounts and the audit trail are all still there, and an
 * agent enrolled before the restart runs with its old certificate. Prints what it counted before and after.
 */
class PlaneRestartEndToEndTest {

    private static final String SIGNED = "before-restart.cloud.test";
    private static final String PENDING = "pending-across-restart.cloud.test";
    private static final String NEW_REQUEST = "Creating a new SSL certificate request";

    @TempDir
    Path work;
    private LocalControlPlane plane;
    private PlaneClients clients;

    @AfterEach
    void stop() {
        if (plane != null) {
            plane.close();
        }
    }

    @Test
    void everythingTheOperatorAndTheAgentsMadeSurvivesAStopAndStart() throws Exception {
        assumeTrue(PuppetAgent.installed(), "Debian's puppet-agent is not installed (.ci/run installs it)");
        Path home = Path.of("../../..").toAbsolutePath().normalize();
        String[] args = { "--state-dir", work.resolve("state").toString(), "--autosign", "none" };
        plane = new LocalControlPlane(LaunchOptions.parse(home, args));
        LocalControlPlane.Ready ready = plane.start();
        clients = new PlaneClients(plane);
        Map<String, String> role = Map.of("PUPPETPLANE_ROLE_FILE", Files.writeString(work.resolve("role"), "nc\n")
                .toString());

        clients.createNode(SIGNED, "cloud-instance");
        clients.post("/api/v1/operators",
                "{\"name\":\"night-shift\",\"role\":\"viewer\",\"password\":\"night-shift-pw-1\"}", 201);
        PuppetAgent agent = new PuppetAgent(work.resolve("agents"), ready.agentConfig(), SIGNED, role);
        PuppetAgent.Result enrolling = agent.test("--noop", "--waitforcert", "0");
        assertFalse(enrolling.succeeded(), "nothing autosigns");
        assertTrue(enrolling.output().contains(NEW_REQUEST), "the first run makes a request:\n" + enrolling.output());
        clients.ca("sign", SIGNED);
        assertTrue(agent.test("--noop").succeeded(), "the signed agent runs");
        PuppetAgent pending = new PuppetAgent(work.resolve("agents"), ready.agentConfig(), PENDING, role);
        assertFalse(pending.test("--noop", "--waitforcert", "0").succeeded(), "the second agent stays pending");
        String reportsBefore = awaitReports(SIGNED);
        String certificatesBefore = clients.ca("list");
        String auditBefore = clients.get("/api/v1/audit?limit=1000");
        String caBefore = Files.readString(agent.caBundle());

        plane.close();
        plane = new LocalControlPlane(LaunchOptions.parse(home, args));
        plane.start();
        clients = new PlaneClients(plane);

        String certificatesAfter = clients.ca("list");
        assertEquals(certificatesBefore, certificatesAfter, "the CA lists the same signed and pending certificates");
        assertTrue(certificatesAfter.contains("requested") && certificatesAfter.contains(PENDING),
                "the pending request is still pending: " + certificatesAfter);
        String node = clients.get("/api/v1/nodes/" + SIGNED);
        assertTrue(node.contains("\"role\":\"nc\"") && node.contains("\"state\":\"certificate-signed\""),
                "the node keeps its role and its enrollment step: " + node);
        assertEquals(reportsBefore, clients.get("/api/v1/nodes/" + SIGNED + "/inventory"), "facts, last run and reports are unchanged");
        String auditAfter = clients.get("/api/v1/audit?limit=1000");
        assertEquals(auditBefore, auditAfter, "the audit trail is whole");
        assertTrue(clients.get("/api/v1/me", basic("night-shift", "night-shift-pw-1")).contains("\"role\":\"viewer\""),
                "an account made before the restart still logs in");

        PuppetAgent.Result after = agent.test("--noop");
        assertTrue(after.succeeded(), "the agent runs after the restart:\n" + after.output());
        assertEquals(caBefore, Files.readString(agent.caBundle()), "with the same CA");
        assertFalse(after.output().contains(NEW_REQUEST), "and its old certificate, no new request:\n"
                + after.output());
        System.out.printf("restart e2e: %d certificate lines, %d audit entries, the node and its reports: "
                + "all present after the restart%n", certificatesAfter.lines().count(),
                auditAfter.split("\"action\"").length - 1);
    }

    /** The inventory once the run's facts and report arrived. */
    private String awaitReports(String certname) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = clients.get("/api/v1/nodes/" + certname + "/inventory");
            if (body.contains("\"lastRunStatus\":\"") && body.contains("\"factsReceivedAt\":\"")) {
                return body;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no report of " + certname + " in the inventory within 60 s: " + body);
    }

    private static String basic(String name, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
