package io.puppetplane.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three catalog-service replicas behind Debian's haproxy on the agents' endpoint, under a stream of agent runs:
 * stopping one with SIGTERM fails no run and leaves nothing in its spool; SIGKILLing another fails at most the runs
 * in flight on it, and once it is restarted every report any replica acknowledged is in enrollment-service, once, and
 * every node's facts are those of its latest run. Acknowledged means the agent saw its report's PUT succeed (its exit
 * code does not tell), and reports are matched by their transaction id. On a failure the services' logs, spools and
 * every run's output are kept under target/failover-evidence. Prints the counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogReplicaFailoverTest {

    private static final int AGENTS = 2;

    private Path work;
    private LocalControlPlane plane;
    /** Psych quotes an id that could read as a number ('0997f9f1-...'), and leaves others bare. */
    private static final Pattern TRANSACTION_UUID = Pattern.compile("(?m)^transaction_uuid: ['\"]?([0-9a-f-]+)['\"]?$");

    private final List<PuppetAgent> agents = new ArrayList<>();
    /** The report id of each agent's enrolment run, sent before the stream. */
    private final Map<PuppetAgent, List<String>> enrolmentReports = new HashMap<>();

    @BeforeAll
    void startThreeReplicas(@TempDir Path dir) throws Exception {
        assumeTrue(PuppetAgent.installed(), "Debian's puppet-agent is not installed (.ci/run installs it)");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/haproxy")), "Debian's haproxy is not installed (.ci/run installs it)");
        work = dir;
        Path home = Path.of("../../..").toAbsolutePath().normalize();
        plane = new LocalControlPlane(LaunchOptions.parse(home, "--state-dir", work.resolve("state").toString(),
                "--fresh", "--catalog-replicas", "3"));
        LocalControlPlane.Ready ready = plane.start();
        Path roleFile = Files.writeString(work.resolve("role"), "nc\n");
        for (int i = 0; i < AGENTS; i++) {
            new PlaneClients(plane).createNode("nc" + i + ".replicas.test", "cloud-instance"); // so reports are kept
            PuppetAgent agent = new PuppetAgent(work.resolve("agents"), ready.agentConfig(), "nc" + i + ".replicas.test",
                    Map.of("PUPPETPLANE_ROLE_FILE", roleFile.toString()));
            PuppetAgent.Result first = agent.test("--noop");
            assertTrue(first.succeeded() && first.reportAcknowledged(), "enrolment run must succeed:\n" + first.output());
            agents.add(agent);
            enrolmentReports.put(agent, List.of(transactionUuid(agent)));
        }
    }

    @AfterAll
    void stop() {
        if (plane != null) {
            plane.close();
        }
    }

    @Test
    void sigtermDuringAStreamOfRunsFailsNoRunAndASigkillUnderLoadLosesNoAcknowledgedReport() throws Exception {
        List<ServiceProcess> replicas = plane.catalogReplicas();
        assertEquals(3, replicas.size(), "three replicas behind haproxy");
        try {
            streamThroughASigtermAndASigkill(replicas);
        } catch (AssertionError | Exception e) {
            Path kept = keepEvidence();
            throw new AssertionError(e.getMessage() + "\n(the replicas' logs and spools, the agents' runs: " + kept + ")", e);
        }
    }

    private void streamThroughASigtermAndASigkill(List<ServiceProcess> replicas) throws Exception {
        List<TimedRun> runs = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean streaming = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(AGENTS);
        List<Future<?>> streams = new ArrayList<>();
        for (PuppetAgent agent : agents) {
            streams.add(pool.submit(() -> {
                runWhile(agent, streaming, runs);
                return null;
            }));
        }
        // each stop happens while the agents keep running, and is followed by whole runs on the remaining
        // replicas: counted in runs, not in seconds, so a slow (busy) machine changes the timing, not the meaning
        awaitRunsAfter(runs, Long.MIN_VALUE, 1, "before the SIGTERM");
        ServiceProcess drained = replicas.get(0);
        drained.terminate();
        assertTrue(drained.awaitExit(Duration.ofSeconds(60)), "the SIGTERMed replica must drain and exit");
        assertEquals(List.of(), spooled(drained), "a replica that stops publishes its spool first: nothing it "
                + "acknowledged may wait for a restart that never comes");
        awaitRunsAfter(runs, System.nanoTime(), 1, "after the SIGTERM");
        Thread.sleep(1_000); // the next runs are under way
        ServiceProcess killed = replicas.get(1);
        long killedAt = System.nanoTime();
        killed.kill(); // while the agents keep running
        assertTrue(killed.awaitExit(Duration.ofSeconds(10)), "SIGKILL ends the replica");
        awaitRunsAfter(runs, killedAt, 2, "after the SIGKILL");
        streaming.set(false);
        for (Future<?> stream : streams) {
            stream.get();
        }
        pool.shutdown();

        List<TimedRun> inFlightAtKill = runs.stream().filter(r -> r.began() < killedAt && r.ended() > killedAt)
                .toList();
        List<TimedRun> failed = runs.stream().filter(r -> !r.result().succeeded()).toList();
        assertTrue(runs.size() >= 3 * AGENTS, "the stream ran through both stops (" + runs.size() + " runs)");
        for (TimedRun run : failed) {
            assertTrue(inFlightAtKill.contains(run), "only a run in flight on the killed replica may fail:\n"
                    + run.result().output());
        }
        int killedSpool = spooled(killed).size();

        // the orchestrator restarts the killed replica; what it acknowledged waits in its spool until then
        killed.restart();
        killed.awaitReady(Duration.ofSeconds(90));
        PlaneClients clients = new PlaneClients(plane);
        int acknowledged = 0;
        int unacknowledged = 0;
        for (PuppetAgent agent : agents) {
            List<TimedRun> mine = runs.stream().filter(r -> r.agent() == agent).toList();
            Set<String> sent = new HashSet<>(enrolmentReports.get(agent));
            Set<String> acked = new HashSet<>(enrolmentReports.get(agent));
            for (TimedRun run : mine) {
                if (run.transactionUuid() != null) {
                    sent.add(run.transactionUuid());
                    if (run.result().reportAcknowledged()) {
                        acked.add(run.transactionUuid());
                    }
                }
            }
            acknowledged += acked.size() - enrolmentReports.get(agent).size();
            unacknowledged += sent.size() - acked.size();
            List<String> arrived = clients.awaitReportIds(agent.certname(), acked);
            assertEquals(arrived.size(), new HashSet<>(arrived).size(), "each report arrives once: " + arrived);
            Set<String> missing = new TreeSet<>(acked);
            arrived.forEach(missing::remove);
            assertEquals(Set.of(), missing, agent.certname() + ": every report a replica acknowledged (the agent saw "
                    + "its PUT succeed) reaches enrollment-service (arrived: " + arrived + ")");
            Set<String> unknown = new TreeSet<>(arrived);
            unknown.removeAll(sent);
            assertEquals(Set.of(), unknown, agent.certname() + ": nothing arrives that the agent did not send (runs: "
                    + enrolmentReports.get(agent) + " " + mine.stream().map(r -> "#" + r.number() + " exit "
                    + r.result().exitCode() + " " + r.transactionUuid() + (r.result().reportAcknowledged() ? "" : " unacked"))
                    .toList() + ")");

            // facts travel with the catalog request: the node's facts are those of its last run that got a catalog
            int lastCatalogRun = mine.stream().filter(r -> r.result().succeeded()
                    && !r.result().output().contains("Using cached catalog")).mapToInt(TimedRun::number).max()
                    .orElse(0);
            int factsRun = clients.awaitFact(agent.certname(), "failover_run", lastCatalogRun);
            assertTrue(factsRun >= lastCatalogRun, agent.certname() + ": the facts kept are of run " + factsRun
                    + ", older than run " + lastCatalogRun + " whose catalog was compiled from newer ones");
        }
        System.out.printf("replica failover: %d runs through a SIGTERM and a SIGKILL under load; %d failed, all in "
                + "flight on the killed replica (%d were); %d reports acknowledged (%d sent and not acknowledged), "
                + "%d waited in the killed replica's spool; every acknowledged report arrived once, and every "
                + "node's facts are its latest%n", runs.size(), failed.size(), inFlightAtKill.size(), acknowledged,
                unacknowledged, killedSpool);
    }

    /** Waits until every agent finished COUNT runs begun after SINCE (System.nanoTime), at most 10 minutes. */
    private void awaitRunsAfter(List<TimedRun> runs, long since, int count, String when) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (agents.stream().anyMatch(a -> runs(runs, a, since) < count)) {
            assertTrue(System.nanoTime() < deadline, "agents did not finish " + count + " run(s) each " + when
                    + " within 10 minutes (" + runs.size() + " runs in all)");
            Thread.sleep(200);
        }
    }

    private static long runs(List<TimedRun> runs, PuppetAgent agent, long since) {
        synchronized (runs) {
            return runs.stream().filter(r -> r.agent() == agent && r.began() >= since).count();
        }
    }

    /** Events a replica's spool holds (it is stopped: nobody publishes them). */
    private List<String> spooled(ServiceProcess replica) throws IOException {
        Path spool = plane.stateDir().resolve(replica.name()).resolve("spool");
        if (!Files.isDirectory(spool)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".event")).sorted().toList();
        }
    }

    /** Copies what explains a failure (services' logs, spools, each run's output) where the next reader finds it. */
    private Path keepEvidence() {
        Path kept = Path.of("target/failover-evidence").resolve(String.valueOf(System.currentTimeMillis()))
                .toAbsolutePath();
        try {
            copyTree(plane.stateDir(), kept.resolve("state"), p -> p.toString().endsWith(".log")
                    || p.toString().endsWith(".event"));
            copyTree(work.resolve("agents"), kept.resolve("agents"), p -> p.getFileName().toString().startsWith("run")
                    || p.getFileName().toString().equals("last_run_report.yaml"));
        } catch (IOException e) {
            return Path.of("(not kept: " + e.getMessage() + ")");
        }
        return kept;
    }

    private static void copyTree(Path from, Path to, java.util.function.Predicate<Path> keep) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).filter(keep).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private record TimedRun(PuppetAgent agent, int number, long began, long ended, PuppetAgent.Result result,
            String transactionUuid) {
    }

    private static void runWhile(PuppetAgent agent, AtomicBoolean streaming, List<TimedRun> runs) throws Exception {
        int number = 0;
        while (streaming.get()) {
            number++;
            Files.deleteIfExists(agent.lastRunReport());
            long began = System.nanoTime();
            PuppetAgent.Result run = agent.test(Map.of("FACTER_failover_run", String.valueOf(number)), "--noop");
            runs.add(new TimedRun(agent, number, began, System.nanoTime(), run, transactionUuid(agent)));
        }
    }

    /** The transaction id of the agent's last run, from the report it keeps (null: the run made none). */
    static String transactionUuid(PuppetAgent agent) throws IOException {
        if (!Files.isRegularFile(agent.lastRunReport())) {
            return null;
        }
        Matcher m = TRANSACTION_UUID.matcher(Files.readString(agent.lastRunReport()));
        return m.find() ? m.group(1) : null;
    }
}
