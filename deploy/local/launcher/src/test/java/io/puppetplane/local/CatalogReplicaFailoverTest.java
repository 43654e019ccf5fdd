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
 * Three catalog-service replicas behind Debian's haproxy on the agents' endpoint: stopping one with SIGTERM during
 * a stream of agent runs fails no run; after a SIGKILL of another, every run that starts afterwards succeeds.
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
    void sigtermDuringAStreamOfRunsFailsNoRunAndAfterSigkillNewRunsSucceed() throws Exception {
        List<ServiceProcess> replicas = plane.catalogReplicas();
        assertEquals(3, replicas.size(), "three replicas behind haproxy");

        List<PuppetAgent.Result> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean streaming = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(AGENTS);
        List<Future<Integer>> streams = new ArrayList<>();
        for (PuppetAgent agent : agents) {
            streams.add(pool.submit(() -> runWhile(agent, streaming, failures)));
        }
        Thread.sleep(5_000);
        ServiceProcess drained = replicas.get(0);
        drained.terminate();
        assertTrue(drained.awaitExit(Duration.ofSeconds(60)), "the SIGTERMed replica must drain and exit");
        Thread.sleep(20_000);
        streaming.set(false);
        int runs = 0;
        for (Future<Integer> stream : streams) {
            runs += stream.get();
        }
        pool.shutdown();
        assertTrue(runs >= 2 * AGENTS, "the stream must have run while the replica stopped (" + runs + " runs)");
        assertTrue(failures.isEmpty(), "no run may fail while a replica drains: " + failures);

        ServiceProcess killed = replicas.get(1);
        killed.kill();
        assertTrue(killed.awaitExit(Duration.ofSeconds(10)), "SIGKILL ends the replica");
        for (PuppetAgent agent : agents) {
            PuppetAgent.Result after = agent.test("--noop");
            assertTrue(after.succeeded(), "a run that starts after the SIGKILL must succeed:\n" + after.output());
        }
    }

    private static int runWhile(PuppetAgent agent, AtomicBoolean streaming, List<PuppetAgent.Result> failures)
            throws Exception {
        int runs = 0;
        while (streaming.get()) {
            PuppetAgent.Result run = agent.test("--noop");
            runs++;
            if (!run.succeeded()) {
                failures.add(run);
            }
        }
        return runs;
    }
}
