package io.puppetplane.enrollment.reconcile.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.puppetplane.enrollment.Database;
import io.puppetplane.enrollment.EventFeed;
import io.puppetplane.enrollment.LoopbackSshServer;
import io.puppetplane.enrollment.Operators;
import io.puppetplane.enrollment.node.repository.NodeRepository;
import io.puppetplane.enrollment.registration.service.CrashingCloudRegistrar;
import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(value = PostgresAndKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "enrollment"))
@QuarkusTestResource(LoopbackSshServer.class)
class EnrollmentPipelineTest {

    @BeforeEach
    void authenticateAsAdmin() {
        Operators.restAssuredAsAdmin();
    }

    @Inject
    NodeReconciler reconciler;
    @Inject
    NodeRepository nodes;
    @Inject
    CrashingCloudRegistrar registrar;
    @Inject
    AgroalDataSource dataSource;

    private final EventFeed feed = new EventFeed();

    @Test
    void bareMetalNodeGoesFromRegisteredToReadyAndRegistersOnce() throws IOException {
        String certname = "nc1.example.com";
        enroll(certname, "nc", "127.0.0.1");

        assertEquals(List.of("assign-role", "start-agent-over-ssh"), reconciler.reconcile(certname),
                "a new bare-metal node gets its role and its agent started over SSH");
        assertEquals("nc\n", Files.readString(LoopbackSshServer.roleFile()), "the role file written over real SSH");
        assertTrue(Files.readString(LoopbackSshServer.agentStarts()).contains("started"), "agent start command ran");
        assertState(certname, "agent-started");

        feed.csrSubmitted(certname);
        feed.certificateSigned(certname);
        EventFeed.await(() -> db().count("SELECT count(*) FROM agent_observation WHERE certname = ? "
                + "AND certificate_signed_at IS NOT NULL AND csr_submitted_at IS NOT NULL", certname) == 1,
                "certificate events must be recorded");
        assertEquals(List.of("observe-csr", "observe-signature"), reconciler.reconcile(certname),
                "observed certificate events move the node on");

        var failed = feed.report(certname, "failed");
        awaitApplied(failed);
        assertEquals(List.of(), reconciler.reconcile(certname), "a failed run is not the first successful run");

        feed.report(certname, "changed");
        awaitFirstSuccess(certname);
        assertEquals(List.of("observe-first-run", "register-with-cloud-controller", "mark-ready"),
                reconciler.reconcile(certname), "the first successful run leads to registration and ready");
        assertState(certname, "ready");
        assertEquals(1, registrationCalls(certname), "registered exactly once");
        assertTrue(eucaCallsOf(certname).get(0).endsWith("--register-nodes 127.0.0.1 --no-rsync"),
                "the nc command of the original use case: " + eucaCallsOf(certname));

        assertEquals(List.of(), reconciler.reconcile(certname), "a ready node needs nothing");
        assertEquals(1, registrationCalls(certname), "another pass does not register again");

        List<String> history = db().strings("SELECT to_state FROM node_history WHERE certname = ? ORDER BY id",
                certname);
        assertEquals(List.of("registered", "role-assigned", "agent-started", "certificate-requested",
                "certificate-signed", "first-run-succeeded", "cloud-registered", "ready"), history,
                "every state recorded in order");
        assertEquals(history.size(), db().count("SELECT count(*) FROM outbox_event WHERE event_key = ? AND "
                + "event_type = 'io.puppetplane.enrollment.node-state-changed.v1'", certname),
                "one NodeStateChanged event per recorded state change");
    }

    @Test
    void cloudInstanceWaitsForItsOwnFirstBootThenCompletesWithoutSsh() throws IOException {
        String certname = "10.20.0.1";
        given().contentType(ContentType.JSON)
                .body(Map.of("certname", certname, "address", certname, "kind", "cloud-instance", "role", "nc"))
                .post("/api/v1/nodes").then().statusCode(201);
        String agentStartsBefore = Files.exists(LoopbackSshServer.agentStarts())
                ? Files.readString(LoopbackSshServer.agentStarts()) : "";

        assertEquals(List.of("assign-role"), reconciler.reconcile(certname),
                "a cloud instance is not reached over SSH; it waits for its first-run script");
        assertEquals(List.of(), reconciler.reconcile(certname), "still waiting");

        feed.csrSubmitted(certname);
        feed.certificateSigned(certname);
        feed.report(certname, "changed");
        awaitFirstSuccess(certname);
        EventFeed.await(() -> db().count("SELECT count(*) FROM agent_observation WHERE certname = ? "
                + "AND certificate_signed_at IS NOT NULL", certname) == 1, "certificate recorded");
        assertEquals(List.of("observe-csr", "observe-signature", "observe-first-run",
                "register-with-cloud-controller", "mark-ready"), reconciler.reconcile(certname),
                "the observed events carry the instance to ready in one pass");
        assertEquals(1, registrationCalls(certname), "registered once");
        String agentStartsAfter = Files.exists(LoopbackSshServer.agentStarts())
                ? Files.readString(LoopbackSshServer.agentStarts()) : "";
        assertEquals(agentStartsBefore, agentStartsAfter, "no agent was started over SSH for a cloud instance");
    }

    @Test
    void startingTheAgentAgainLeavesAnUpToDateRoleFileUntouched() throws IOException {
        String certname = "nc2.example.com";
        Files.writeString(LoopbackSshServer.roleFile(), "nc\n");
        FileTime before = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(LoopbackSshServer.roleFile(), before);
        enroll(certname, "nc", "127.0.0.1");

        reconciler.reconcile(certname);

        assertState(certname, "agent-started");
        assertEquals(before, Files.getLastModifiedTime(LoopbackSshServer.roleFile()),
                "a role file with the right content is not rewritten");
        String reason = db().strings("SELECT reason FROM node_history WHERE certname = ? AND to_state = "
                + "'agent-started'", certname).get(0);
        assertTrue(reason.contains("already up to date"), "history says the file was left alone: " + reason);
    }

    @Test
    void unknownHostKeyFailsTheNodeWithAReasonAndABackoff() {
        String certname = "nc3.example.com";
        // known_hosts names the server 127.0.0.1; under the name localhost its key is unknown and must be refused.
        enroll(certname, "nc", "localhost");

        assertEquals(List.of("assign-role", "start-agent-over-ssh"), reconciler.reconcile(certname),
                "the SSH step is taken and fails");

        given().get("/api/v1/nodes/" + certname).then().statusCode(200)
                .body("state", org.hamcrest.Matchers.is("failed"))
                .body("failure.retryCount", org.hamcrest.Matchers.is(1))
                .body("failure.resumesAt", org.hamcrest.Matchers.is("role-assigned"));
        Instant failedAt = Instant.parse(db().strings("SELECT to_char(state_changed_at AT TIME ZONE 'UTC', "
                + "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM node WHERE certname = ?", certname).get(0));
        Instant nextRetry = Instant.parse(db().strings("SELECT to_char(next_retry_at AT TIME ZONE 'UTC', "
                + "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM node WHERE certname = ?", certname).get(0));
        Duration backoff = Duration.between(failedAt, nextRetry);
        assertTrue(backoff.compareTo(Duration.ofSeconds(9)) > 0 && backoff.compareTo(Duration.ofSeconds(10)) <= 0,
                "first retry after the initial backoff of 10 s, was " + backoff);
        assertEquals(List.of(), reconciler.reconcile(certname), "not retried before its time");
        assertFalseFileMentions(certname);
    }

    @Test
    void crashAfterTheRegistrationCommandNeverRunsItAgainAndWaitsForAnOperator() {
        String certname = "nc4.example.com";
        driveToCertificateSigned(certname, "nc");

        registrar.crashAfterNextCommand();
        feed.report(certname, "changed");
        awaitFirstSuccess(certname);
        assertEquals(List.of("observe-first-run"), reconciler.reconcile(certname),
                "the step after the first run crashes and records nothing");
        assertState(certname, "first-run-succeeded");
        assertEquals(1, registrationCalls(certname), "the command did run before the crash");

        // The restarted service finds the intent without a completion.
        assertEquals(List.of("resolve-interrupted-registration"), reconciler.reconcile(certname),
                "the interrupted registration is noticed");
        given().get("/api/v1/nodes/" + certname).then().statusCode(200)
                .body("state", org.hamcrest.Matchers.is("failed"))
                .body("failure.reason", containsString("interrupted"))
                .body("failure.nextRetryAt", org.hamcrest.Matchers.nullValue());
        assertEquals(List.of(), reconciler.reconcile(certname), "it waits for an operator");

        given().contentType(ContentType.JSON).body("{}").post("/api/v1/nodes/" + certname + "/retry")
                .then().statusCode(400).body("message", containsString("registrationCompleted"));
        given().contentType(ContentType.JSON).body("{\"registrationCompleted\": true}")
                .post("/api/v1/nodes/" + certname + "/retry").then().statusCode(200);
        assertEquals(List.of("retry", "observe-registration", "mark-ready"), reconciler.reconcile(certname),
                "the operator's answer completes the node");
        assertState(certname, "ready");
        assertEquals(1, registrationCalls(certname), "the registration never ran twice");
    }

    @Test
    void crashAfterTheRegistrationCommandIsResolvedByTheCheckCommand() {
        String certname = "cc1.example.com";
        driveToCertificateSigned(certname, "cc");

        registrar.crashAfterNextCommand();
        feed.report(certname, "unchanged");
        awaitFirstSuccess(certname);
        assertEquals(List.of("observe-first-run"), reconciler.reconcile(certname), "the registration step crashes");
        assertEquals(1, registrationCalls(certname), "the command ran before the crash");

        assertEquals(List.of("resolve-interrupted-registration", "mark-ready"), reconciler.reconcile(certname),
                "the check command confirms the registration after the restart");
        assertState(certname, "ready");
        assertEquals(1, registrationCalls(certname), "the registration never ran twice");
        assertTrue(eucaCallsOf(certname).get(0).contains("--register-cluster"), "cc uses the cluster command");
    }

    @Test
    void anotherReplicaSkipsANodeThatIsBeingReconciled() throws Exception {
        String certname = "nc5.example.com";
        enroll(certname, "nc", "127.0.0.1");
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread otherReplica = new Thread(() -> QuarkusTransaction.requiringNew().run(() -> {
            nodes.lock(certname);
            locked.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        otherReplica.start();
        try {
            assertTrue(locked.await(20, TimeUnit.SECONDS), "the other replica holds the node");
            assertEquals(List.of(), reconciler.reconcile(certname), "a locked node is skipped, not waited for");
        } finally {
            release.countDown();
            otherReplica.join(20_000);
        }
        assertEquals("assign-role", reconciler.reconcile(certname).get(0), "once released it is reconciled");
    }

    @Test
    void redeliveredReportIsAppliedOnceAndAnOlderSuccessMovesTheFirstRunEarlier() {
        String certname = "nc6.example.com";
        enroll(certname, "nc", "127.0.0.1");
        Instant first = Instant.parse("2026-01-05T10:00:00Z");
        var event = feed.report(certname, "unchanged", "tx-1", first.plusSeconds(60));
        feed.resend(event);
        awaitApplied(event);
        assertEquals(1, db().count("SELECT count(*) FROM inbox_event WHERE event_id = ?", event.id()),
                "two deliveries of one event id are applied once");
        assertEquals(first.plusSeconds(60).toString(), firstSuccess(certname), "the first successful run");

        // a replica's spool sends an earlier successful run late; a later failed and noop run change nothing
        awaitApplied(feed.report(certname, "changed", "tx-0", first));
        awaitApplied(feed.report(certname, "failed", "tx-2", first.minusSeconds(60)));
        assertEquals(first.toString(), firstSuccess(certname), "the earliest successful run is the first");
        assertEquals(0, db().count("SELECT count(*) FROM information_schema.tables WHERE table_name = "
                + "'node_report'"), "reports are not copied here: the inventory keeps them");
    }

    private void driveToCertificateSigned(String certname, String role) {
        enroll(certname, role, "127.0.0.1");
        reconciler.reconcile(certname);
        feed.csrSubmitted(certname);
        feed.certificateSigned(certname);
        EventFeed.await(() -> db().count("SELECT count(*) FROM agent_observation WHERE certname = ? "
                + "AND certificate_signed_at IS NOT NULL", certname) == 1, "certificate recorded");
        assertEquals(List.of("observe-csr", "observe-signature"), reconciler.reconcile(certname),
                "the node reaches certificate-signed");
    }

    @AfterEach
    void disarm() {
        registrar.disarm();
    }

    private void enroll(String certname, String role, String address) {
        given().contentType(ContentType.JSON)
                .body(Map.of("certname", certname, "address", address, "kind", "bare-metal", "role", role))
                .post("/api/v1/nodes").then().statusCode(201);
    }

    private void assertState(String certname, String state) {
        given().get("/api/v1/nodes/" + certname).then().statusCode(200).body("state", org.hamcrest.Matchers.is(state));
    }

    /** Waits until the event's delivery is recorded in the inbox (applied, or skipped as without effect). */
    private void awaitApplied(io.puppetplane.events.OutgoingEvent event) {
        EventFeed.await(() -> db().count("SELECT count(*) FROM inbox_event WHERE event_id = ?", event.id()) == 1,
                "the report " + event.id() + " must be applied");
    }

    private void awaitFirstSuccess(String certname) {
        EventFeed.await(() -> firstSuccess(certname) != null, "the first successful run of " + certname
                + " must be recorded");
    }

    private String firstSuccess(String certname) {
        List<String> at = db().strings("SELECT to_char(first_success_at AT TIME ZONE 'UTC', "
                + "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM agent_observation WHERE certname = ?", certname);
        return at.isEmpty() ? null : at.get(0);
    }

    private void assertFalseFileMentions(String certname) {
        assertEquals(0, registrationCalls(certname), "a failed node is never registered");
    }

    private long registrationCalls(String certname) {
        return eucaCallsOf(certname).size();
    }

    private List<String> eucaCallsOf(String certname) {
        try {
            if (!Files.exists(LoopbackSshServer.eucaCalls())) {
                return List.of();
            }
            return Files.readAllLines(LoopbackSshServer.eucaCalls()).stream()
                    .filter(line -> line.startsWith(certname + " ")).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Database db() {
        return new Database(dataSource);
    }

}
