package io.puppetplane.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka or PostgreSQL taken away from a running plane while Debian's agents enroll and run, then brought back: every
 * run succeeds or, where the outage made it wait, succeeds once the store is back; every report, certificate and
 * enrollment step that happened during the outage arrives afterwards. Each test prints what it counted.
 */
class InfrastructureOutageEndToEndTest {

    private static final Pattern STATE = Pattern.compile("\"toState\":\"([a-z-]+)\"");

    @TempDir
    Path work;
    private LocalControlPlane plane;
    private LocalControlPlane.Ready ready;
    private PlaneClients clients;
    private Map<String, String> role;

    @BeforeEach
    void startThePlane() throws Exception {
        assumeTrue(PuppetAgent.installed(), "Debian's puppet-agent is not installed (.ci/run installs it)");
        Path home = Path.of("../../..").toAbsolutePath().normalize();
        plane = new LocalControlPlane(LaunchOptions.parse(home, "--state-dir", work.resolve("state").toString()));
        ready = plane.start();
        clients = new PlaneClients(plane);
        role = Map.of("PUPPETPLANE_ROLE_FILE", Files.writeString(work.resolve("role"), "nc\n").toString());
    }

    @AfterEach
    void stop() {
        if (plane != null) {
            plane.close();
        }
    }

    @Test
    void agentRunsAndEnrollmentsDuringAKafkaOutageLoseNothing() throws Exception {
        String before = "kafka-before.cloud.test";
        String during = "kafka-during.cloud.test";
        String registeredDuring = "kafka-registered-during.cloud.test";
        String after = "kafka-after.cloud.test";
        for (String node : List.of(before, during, after)) {
            createNode(node);
        }
        assertRuns(run(before)); // enrolls and reports with Kafka up

        plane.stopKafka();
        long outage = System.nanoTime();
        createNode(registeredDuring); // its classification and events wait in enrollment-service's outbox
        List<PuppetAgent.Result> duringOutage = parallel(() -> run(during), () -> run(before));
        assertRuns(duringOutage.toArray(PuppetAgent.Result[]::new));
        plane.restartKafka();
        System.out.printf("kafka outage: %.1f s, %d agent runs during it%n", (System.nanoTime() - outage) / 1e9,
                duringOutage.size());

        assertRuns(run(after), run(registeredDuring));
        Map<String, Integer> expectedReports = Map.of(before, 2, during, 1, after, 1, registeredDuring, 1);
        for (Map.Entry<String, Integer> node : expectedReports.entrySet()) {
            assertEquals(node.getValue(), clients.awaitReports(node.getKey(), node.getValue()),
                    "every report of " + node.getKey() + " reaches the inventory, once");
            awaitState(node.getKey(), "certificate-signed");
        }
        System.out.printf("kafka outage: %d runs, %d reports in the inventory, 4 of 4 nodes with their certificate-signed step: "
                + "nothing lost%n", 5, expectedReports.values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void certificateSigningThroughAPostgresRestartLosesNothingAndNeverAnswers500() throws Exception {
        String enrolled = "pg-enrolled.cloud.test";
        List<String> enrolling = List.of("pg-a.cloud.test", "pg-b.cloud.test", "pg-c.cloud.test", "pg-d.cloud.test");
        createNode(enrolled);
        for (String node : enrolling) {
            createNode(node);
        }
        assertRuns(run(enrolled));

        // two agents request certificates as PostgreSQL goes away, two more while it is away (it stays away until
        // they have their answer)
        ExecutorService pool = Executors.newFixedThreadPool(enrolling.size() + 1);
        List<Future<PuppetAgent.Result>> firstRuns = new ArrayList<>();
        for (String node : enrolling.subList(0, 2)) {
            firstRuns.add(pool.submit(() -> run(node)));
        }
        Thread.sleep(1500);
        plane.stopPostgres();
        long outage = System.nanoTime();
        for (String node : enrolling.subList(2, 4)) {
            firstRuns.add(pool.submit(() -> run(node)));
        }
        assertRuns(run(enrolled)); // an enrolled agent needs no CA database to run
        for (Future<PuppetAgent.Result> duringOutage : firstRuns.subList(2, 4)) {
            assertFalse(duringOutage.get().succeeded(), "a request while the CA has no database cannot be signed:\n"
                    + duringOutage.get().output());
        }
        plane.restartPostgres();
        System.out.printf("postgres outage: %.1f s while %d agents enrolled%n", (System.nanoTime() - outage) / 1e9,
                enrolling.size());

        int refused = 0;
        for (int i = 0; i < enrolling.size(); i++) {
            PuppetAgent.Result first = firstRuns.get(i).get();
            assertFalse(first.output().contains("500"), "no internal error, ever:\n" + first.output());
            if (!first.succeeded()) {
                refused++;
                assertTrue(first.output().contains("503"), "a refusal during the outage is a 503:\n"
                        + first.output());
                assertRuns(run(enrolling.get(i))); // its next run, as a daemon's next cycle
            }
        }
        pool.shutdown();

        String certificates = clients.ca("list");
        for (String node : enrolling) {
            assertEquals(1, count(Pattern.compile("(?m)^signed\\s+" + Pattern.quote(node) + "\\s"),
                    certificates), "one signed certificate for " + node + ":\n" + certificates);
            awaitState(node, "certificate-signed");
        }
        System.out.printf("postgres outage: %d of %d first runs refused with 503 and enrolled on their next run; "
                + "%d certificates, one each; nothing lost%n", refused, enrolling.size(), enrolling.size());
    }

    private PuppetAgent agent(String certname) throws Exception {
        return new PuppetAgent(work.resolve("agents"), ready.agentConfig(), certname, role);
    }

    private PuppetAgent.Result run(String certname) throws Exception {
        return agent(certname).test("--noop");
    }

    @SafeVarargs
    private static List<PuppetAgent.Result> parallel(Callable<PuppetAgent.Result>... runs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(runs.length);
        try {
            List<Future<PuppetAgent.Result>> futures = new ArrayList<>();
            for (Callable<PuppetAgent.Result> r : runs) {
                futures.add(pool.submit(r));
            }
            List<PuppetAgent.Result> results = new ArrayList<>();
            for (Future<PuppetAgent.Result> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    private static void assertRuns(PuppetAgent.Result... results) {
        for (PuppetAgent.Result r : results) {
            assertTrue(r.succeeded(), "the agent run succeeds:\n" + r.output());
            assertFalse(r.output().contains("Error 500"), "no server error:\n" + r.output());
        }
    }

    private void awaitState(String certname, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<String> states = List.of();
        while (System.nanoTime() < deadline) {
            states = new ArrayList<>();
            Matcher m = STATE.matcher(get("/api/v1/nodes/" + certname + "/history"));
            while (m.find()) {
                states.add(m.group(1));
            }
            if (states.contains(state)) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError(certname + " did not pass " + state + " within 90 s; its steps: " + states);
    }

    private void createNode(String certname) throws Exception {
        clients.createNode(certname, "cloud-instance");
    }

    private String get(String path) throws Exception {
        return clients.get(path);
    }

    private static int count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
