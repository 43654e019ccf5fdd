package io.puppetplane.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three catalog-service replicas behind Debian's haproxy on the agents' endpoint, under a stream of agent runs:
 * stopping one with SIGTERM fails no run; SIGKILLing another fails at most the runs in flight on it, and once it is
 * restarted every report any replica acknowledged is in enrollment-service. Prints the counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogReplicaFailoverTest {

    private static final int AGENTS = 2;

    private Path work;
    private LocalControlPlane plane;
    private final List<PuppetAgent> agents = new ArrayList<>();

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
            assertTrue(first.succeeded(), "enrolment run must succeed:\n" + first.output());
            agents.add(agent);
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
        Thread.sleep(5_000);
        ServiceProcess drained = replicas.get(0);
        drained.terminate();
        assertTrue(drained.awaitExit(Duration.ofSeconds(60)), "the SIGTERMed replica must drain and exit");
        Thread.sleep(10_000);
        ServiceProcess killed = replicas.get(1);
        long killedAt = System.nanoTime();
        killed.kill(); // while the agents keep running
        assertTrue(killed.awaitExit(Duration.ofSeconds(10)), "SIGKILL ends the replica");
        Thread.sleep(15_000);
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

        // the orchestrator restarts the killed replica; what it acknowledged waits in its spool until then
        killed.restart();
        killed.awaitReady(Duration.ofSeconds(90));
        int reports = 0;
        for (PuppetAgent agent : agents) {
            long succeeded = runs.stream().filter(r -> r.agent() == agent && r.result().succeeded()).count();
            reports += new PlaneClients(plane).awaitReports(agent.certname(), (int) succeeded + 1); // + its enrolment run
        }
        long successful = runs.stream().filter(r -> r.result().succeeded()).count() + AGENTS;
        assertEquals(successful, reports, "every report a replica acknowledged reaches enrollment-service, once");
        System.out.printf("replica failover: %d runs through a SIGTERM and a SIGKILL under load; %d failed, all in "
                + "flight on the killed replica (%d were); %d reports of %d successful runs arrived: nothing "
                + "acknowledged was lost%n", runs.size(), failed.size(), inFlightAtKill.size(), reports, successful);
    }

    private record TimedRun(PuppetAgent agent, long began, long ended, PuppetAgent.Result result) {
    }

    private static void runWhile(PuppetAgent agent, AtomicBoolean streaming, List<TimedRun> runs) throws Exception {
        while (streaming.get()) {
            long began = System.nanoTime();
            PuppetAgent.Result run = agent.test("--noop");
            runs.add(new TimedRun(agent, began, System.nanoTime(), run));
        }
    }
}
