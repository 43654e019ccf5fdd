package io.puppetplane.enrollment.reconcile.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.puppetplane.enrollment.node.repository.AgentObservation;
import io.puppetplane.enrollment.node.repository.Node;
import io.puppetplane.enrollment.node.repository.NodeKind;
import io.puppetplane.enrollment.node.repository.NodeState;
import io.puppetplane.enrollment.node.repository.RegistrationAttempt;
import io.puppetplane.enrollment.reconcile.config.ReconcileConfig;

class StepPlannerTest {

    private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private final StepPlanner planner = new StepPlanner(new ReconcileConfig() {
        public boolean enabled() {
            return true;
        }

        public String interval() {
            return "5s";
        }

        public int batchSize() {
            return 50;
        }

        public int maxStepsPerNode() {
            return 10;
        }

        public Duration initialBackoff() {
            return Duration.ofSeconds(10);
        }

        public Duration maxBackoff() {
            return Duration.ofMinutes(1);
        }

        public int maxRetries() {
            return 5;
        }

        public Duration certificateRequestTimeout() {
            return Duration.ofMinutes(15);
        }

        public Duration stepTimeout() {
            return Duration.ofMinutes(5);
        }
    });

    @Test
    void registeredNodeWaitsForARoleThenGetsIt() {
        assertEquals("await-role", plan(node(NodeState.REGISTERED, NodeKind.BARE_METAL, null)).name(), "no role");
        Step step = plan(node(NodeState.REGISTERED, NodeKind.BARE_METAL, "nc"));
        assertEquals(NodeState.ROLE_ASSIGNED, assertInstanceOf(Step.Advance.class, step).to(), "role assigned");
    }

    @Test
    void bareMetalNodeIsStartedOverSshWhileCloudInstanceStartsItself() {
        assertInstanceOf(Step.StartAgentOverSsh.class, plan(node(NodeState.ROLE_ASSIGNED, NodeKind.BARE_METAL, "nc")),
                "bare metal is started over SSH");
        assertEquals("await-first-boot", plan(node(NodeState.ROLE_ASSIGNED, NodeKind.CLOUD_INSTANCE, "nc")).name(),
                "a cloud instance runs its own first-run script");
    }

    @Test
    void observedCertificateRequestSkipsStartingTheAgentAgain() {
        Node node = node(NodeState.ROLE_ASSIGNED, NodeKind.BARE_METAL, "nc");
        Step step = planner.next(new NodeSnapshot(node, csrAt(T0), Optional.empty()), clock.instant());
        assertEquals(NodeState.CERTIFICATE_REQUESTED, assertInstanceOf(Step.Advance.class, step).to(),
                "an agent that already asked for a certificate is running");
    }

    @Test
    void agentStartedWithoutCertificateRequestTimesOutByTheClock() {
        Node started = node(NodeState.AGENT_STARTED, NodeKind.BARE_METAL, "nc");
        assertEquals("await-csr", planner.next(snapshot(started), T0.plus(Duration.ofMinutes(14))).name(),
                "within the timeout the node waits");
        Step late = planner.next(snapshot(started), T0.plus(Duration.ofMinutes(15)));
        Step.Fail fail = assertInstanceOf(Step.Fail.class, late, "at the timeout the node fails");
        assertEquals(NodeState.ROLE_ASSIGNED, fail.resumeFrom(), "a retry starts the agent again");
    }

    @Test
    void failedNodeRetriesOnlyWhenDue() {
        Node failed = failed(T0.plus(Duration.ofSeconds(10)));
        assertEquals("await-retry", planner.next(snapshot(failed), T0).name(), "not yet due");
        assertInstanceOf(Step.Retry.class, planner.next(snapshot(failed), T0.plus(Duration.ofSeconds(10))), "due");
        assertEquals("await-retry", planner.next(snapshot(failed(null)), T0.plus(Duration.ofDays(1))).name(),
                "without a retry time only an operator moves it");
    }

    @Test
    void registrationRunsOnceAndAnInterruptedOneIsResolvedNotRepeated() {
        Node node = node(NodeState.FIRST_RUN_SUCCEEDED, NodeKind.BARE_METAL, "nc");
        AgentObservation seen = AgentObservation.none(node.certname());
        assertInstanceOf(Step.RegisterWithCloudController.class,
                planner.next(new NodeSnapshot(node, seen, Optional.empty()), T0), "no attempt yet");
        RegistrationAttempt begun = new RegistrationAttempt(node.certname(), "euca_conf", T0, null, null);
        assertInstanceOf(Step.ResolveInterruptedRegistration.class,
                planner.next(new NodeSnapshot(node, seen, Optional.of(begun)), T0), "intent without completion");
        RegistrationAttempt done = new RegistrationAttempt(node.certname(), "euca_conf", T0, T0, "exit 0");
        assertEquals(NodeState.CLOUD_REGISTERED, assertInstanceOf(Step.Advance.class,
                planner.next(new NodeSnapshot(node, seen, Optional.of(done)), T0)).to(), "completed");
    }

    @Test
    void backoffDoublesUpToTheCapThenWaitsForAnOperator() {
        assertEquals(T0.plusSeconds(10), planner.nextRetry(1, T0), "first retry");
        assertEquals(T0.plusSeconds(20), planner.nextRetry(2, T0), "doubles");
        assertEquals(T0.plusSeconds(40), planner.nextRetry(3, T0), "doubles again");
        assertEquals(T0.plusSeconds(60), planner.nextRetry(4, T0), "capped at the maximum");
        assertNull(planner.nextRetry(5, T0), "after max retries an operator decides");
    }

    private Step plan(Node node) {
        return planner.next(snapshot(node), clock.instant());
    }

    private static NodeSnapshot snapshot(Node node) {
        return new NodeSnapshot(node, AgentObservation.none(node.certname()), Optional.empty());
    }

    private static AgentObservation csrAt(Instant at) {
        return new AgentObservation("n.example.com", at, "AA", "127.0.0.1", "pending", null, null, null);
    }

    private static Node node(NodeState state, NodeKind kind, String role) {
        return new Node("n.example.com", "127.0.0.1", kind, role, Map.of(), state, T0, null, 0, null, null, T0, T0);
    }

    private static Node failed(Instant nextRetry) {
        return new Node("n.example.com", "127.0.0.1", NodeKind.BARE_METAL, "nc", Map.of(), NodeState.FAILED, T0,
                "ssh refused", 1, nextRetry, NodeState.ROLE_ASSIGNED, T0, T0);
    }
}
