package io.puppetplane.enrollment.node.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.puppetplane.enrollment.Database;
import io.puppetplane.enrollment.EventFeed;
import io.puppetplane.enrollment.InventoryTestResource;
import io.puppetplane.enrollment.LoopbackSshServer;
import io.puppetplane.enrollment.Operators;
import io.puppetplane.enrollment.inventory.service.PuppetDbQueries;
import io.puppetplane.events.Topics;
import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(value = PostgresAndKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "enrollment"))
@QuarkusTestResource(LoopbackSshServer.class)
@QuarkusTestResource(InventoryTestResource.class)
class NodeResourceTest {

    @BeforeEach
    void authenticateAsAdmin() {
        Operators.restAssuredAsAdmin();
    }

    @Inject
    AgroalDataSource dataSource;

    private final EventFeed feed = new EventFeed();

    @Test
    void createsGetsAndListsNodesByRoleAndState() {
        create("api1.example.com", "10.0.0.1", "bare-metal", "nc").statusCode(201)
                .header("Location", containsString("/api/v1/nodes/api1.example.com"))
                .body("state", is("registered")).body("kind", is("bare-metal"));
        create("api2.example.com", "10.0.0.2", "cloud-instance", "cc").statusCode(201);

        given().get("/api/v1/nodes/api1.example.com").then().statusCode(200).body("role", is("nc"))
                .body("address", is("10.0.0.1"));
        given().queryParam("role", "cc").get("/api/v1/nodes").then().statusCode(200)
                .body("certname", hasItem("api2.example.com")).body("certname", not(hasItem("api1.example.com")));
        given().queryParam("state", "registered").get("/api/v1/nodes").then().statusCode(200)
                .body("certname", hasItem("api1.example.com"));
    }

    @Test
    void filtersByLastRunStatusAndFactValueAndShowsTheInventory() {
        create("inv1.example.com", "10.0.1.1", "bare-metal", "nc").statusCode(201);
        create("inv2.example.com", "10.0.1.2", "bare-metal", "nc").statusCode(201);
        feed.facts("inv1.example.com", Map.of("os", Map.of("family", "Debian"), "role", "nc"));
        feed.facts("inv2.example.com", Map.of("os", Map.of("family", "RedHat"), "role", "nc"));
        feed.report("inv1.example.com", "failed");
        awaitInventory("inv1.example.com", 1);
        awaitInventory("inv2.example.com", 0);

        given().queryParam("fact", "os.family=Debian").get("/api/v1/nodes").then().statusCode(200)
                .body("certname", contains("inv1.example.com"));
        given().queryParam("lastRunStatus", "failed").get("/api/v1/nodes").then().statusCode(200)
                .body("certname", hasItem("inv1.example.com")).body("certname", not(hasItem("inv2.example.com")));
        given().queryParam("lastRunStatus", "failed").queryParam("fact", "os.family=RedHat").get("/api/v1/nodes")
                .then().statusCode(200).body("certname", not(hasItem("inv1.example.com")))
                .body("certname", not(hasItem("inv2.example.com")));
        given().get("/api/v1/nodes/inv1.example.com/inventory").then().statusCode(200)
                .body("facts.os.family", is("Debian")).body("factsReceivedAt", notNullValue())
                .body("lastRunStatus", is("failed")).body("lastRunAt", notNullValue())
                .body("reports.status", contains("failed")).body("reports[0].transactionUuid", is("tx-failed"));
        String inPuppetDb = InventoryTestResource.inventory().get("/pdb/query/v4/nodes/inv1.example.com");
        assertTrue(inPuppetDb.contains("\"latest_report_status\":\"failed\""),
                "what the API shows is the inventory's: " + inPuppetDb);
    }

    @Test
    void anOlderFactSetOrReportArrivingLateChangesNothingNewer() {
        create("late1.example.com", "10.0.1.9", "bare-metal", "nc").statusCode(201);
        java.time.Instant now = java.time.Instant.now();
        feed.facts("late1.example.com", Map.of("generation", "new"), now);
        feed.report("late1.example.com", "unchanged", "tx-new", now);
        awaitInventory("late1.example.com", 1);
        // what a crashed replica's spool held, encoded a minute ago, sent once it restarted
        EventFeed spooled = new EventFeed(java.time.Clock.fixed(now.minusSeconds(60), java.time.ZoneOffset.UTC));
        spooled.facts("late1.example.com", Map.of("generation", "old"), now.minusSeconds(60));
        spooled.report("late1.example.com", "failed", "tx-old", now.minusSeconds(60));
        awaitInventory("late1.example.com", 2);
        // the facts event is older than the stored set: the inventory keeps the newer one, and says nothing of it
        EventFeed.await(() -> InventoryTestResource.inventory()
                .getOrEmpty("/pdb/query/v4/factsets/late1.example.com")
                .contains("\"new\""), "facts kept");

        given().get("/api/v1/nodes/late1.example.com/inventory").then().statusCode(200)
                .body("facts.generation", is("new")).body("lastRunStatus", is("unchanged"))
                .body("reports.transactionUuid", contains("tx-new", "tx-old"));
    }

    @Test
    void whatNeedsTheInventoryIsA503NamingItWhileItCannotBeAsked() throws Exception {
        create("noinv1.example.com", "10.0.1.7", "bare-metal", "nc").statusCode(201);
        io.quarkus.test.junit.QuarkusMock.installMockForType(InventoryTestResource.unreachable(),
                PuppetDbQueries.class);

        given().get("/api/v1/nodes/noinv1.example.com/inventory").then().statusCode(503)
                .body("message", containsString("inventory-service"))
                .body("message", containsString("cannot reach the inventory at http://127.0.0.1:"));
        given().queryParam("fact", "os.family=Debian").get("/api/v1/nodes").then().statusCode(503)
                .body("message", containsString("inventory"));
        given().get("/api/v1/nodes").then().statusCode(200).body("certname", hasItem("noinv1.example.com"));
        given().get("/api/v1/nodes/noinv1.example.com").then().statusCode(200).body("state", is("registered"));
    }

    @Test
    void badInputIsRefusedWithAMessage() {
        create("Bad Name", "10.0.0.1", "bare-metal", "nc").statusCode(400).body("message", containsString("certname"));
        create("ok.example.com", "10.0.0.1", "mainframe", "nc").statusCode(400)
                .body("message", containsString("kind"));
        create("ok.example.com", "10.0.0.1; rm -rf /", "bare-metal", "nc").statusCode(400)
                .body("message", containsString("address"));
        create("ok.example.com", "10.0.0.1", "bare-metal", "n c").statusCode(400)
                .body("message", containsString("role"));
        given().contentType(ContentType.JSON).body("{not json").post("/api/v1/nodes").then().statusCode(400);
        given().queryParam("state", "sleeping").get("/api/v1/nodes").then().statusCode(400)
                .body("message", containsString("state"));
        given().queryParam("fact", "nofact").get("/api/v1/nodes").then().statusCode(400);
        given().get("/api/v1/nodes/missing.example.com").then().statusCode(404)
                .body("message", containsString("missing.example.com"));
        create("dup.example.com", "10.0.0.3", "bare-metal", "nc").statusCode(201);
        create("dup.example.com", "10.0.0.3", "bare-metal", "nc").statusCode(409)
                .body("message", containsString("exists"));
    }

    @Test
    void classificationChangesArePublishedAndDecommissionRemovesThem() {
        create("cls1.example.com", "10.0.2.1", "bare-metal", null).statusCode(201);
        assertEquals(0, classifiedEvents("cls1.example.com"), "no classification without role or classes");

        given().contentType(ContentType.JSON)
                .body(Map.of("role", "cc", "classes", Map.of("ntp", Map.of("servers", List.of("pool.ntp.org")))))
                .put("/api/v1/nodes/cls1.example.com/classification").then().statusCode(200)
                .body("role", is("cc")).body("classes.ntp.servers[0]", is("pool.ntp.org"));
        given().contentType(ContentType.JSON).body(Map.of("role", "cc", "classes",
                Map.of("ntp", Map.of("servers", List.of("pool.ntp.org")))))
                .put("/api/v1/nodes/cls1.example.com/classification").then().statusCode(200);
        assertEquals(1, classifiedEvents("cls1.example.com"), "an unchanged classification is not published again");
        given().contentType(ContentType.JSON).body(Map.of("role", "cc", "classes", Map.of("Bad-Class", Map.of())))
                .put("/api/v1/nodes/cls1.example.com/classification").then().statusCode(400);

        given().post("/api/v1/nodes/cls1.example.com/decommission").then().statusCode(200)
                .body("state", is("decommissioned"));
        given().post("/api/v1/nodes/cls1.example.com/decommission").then().statusCode(200);
        assertEquals(1, classifiedEvents("cls1.example.com"), "decommission publishes no classification event");
        List<String> onTopic = EventFeed.values(Topics.CLASSIFICATION, "cls1.example.com",
                v -> v.size() >= 2 && v.get(v.size() - 1) == null, Duration.ofSeconds(30));
        assertEquals(2, onTopic.size(), "the classification, then one tombstone: " + onTopic);
        assertTrue(onTopic.get(0).contains("\"role\":\"cc\""), "the classification first: " + onTopic);
        assertNull(onTopic.get(1), "decommission deletes the node from the compacted topic with a tombstone");
        EventFeed.await(() -> db().count("SELECT count(*) FROM classification_tombstone") == 0,
                "a sent tombstone leaves the table");
        List<String> states = db().strings("SELECT cloud_event FROM outbox_event WHERE event_key = 'cls1.example.com' "
                + "AND event_type = 'io.puppetplane.enrollment.node-state-changed.v1' ORDER BY created_at");
        assertTrue(states.get(states.size() - 1).contains("\"toState\":\"decommissioned\""),
                "ca-service learns of the decommission: " + states);
        given().contentType(ContentType.JSON).body(Map.of("role", "nc"))
                .put("/api/v1/nodes/cls1.example.com/classification").then().statusCode(409);
        given().get("/api/v1/nodes/cls1.example.com/history").then().statusCode(200)
                .body("toState", contains("registered", "decommissioned"));
    }

    @Test
    void announcedMachineIsEnrolledOnceAndBadAnnouncementsAreSkipped() {
        feed.sendRaw(Topics.MACHINES, "junk", "this is not a CloudEvent");
        feed.machine("BAD NAME", "10.0.3.9", "nc", "bare-metal");
        var announced = feed.machine("ann1.example.com", "10.0.3.1", "nc", "cloud-instance");
        feed.resend(announced);
        feed.machine("ann2.example.com", "10.0.3.2", "cc", "bare-metal");

        EventFeed.await(() -> db().count("SELECT count(*) FROM node WHERE certname = 'ann2.example.com'") == 1,
                "the consumer must get past bad records to the last announcement");
        given().get("/api/v1/nodes/ann1.example.com").then().statusCode(200).body("kind", is("cloud-instance"))
                .body("role", is("nc"));
        assertEquals(1, db().count("SELECT count(*) FROM node_history WHERE certname = 'ann1.example.com'"),
                "a redelivered announcement has no second effect");
        given().queryParam("state", "registered").get("/api/v1/nodes").then()
                .body("certname", not(hasItem("BAD NAME"))).body("certname", not(empty()));
    }

    @Test
    void userDataOfABareMetalNodeIsAConflictAndWithoutTheCaIsUnavailable() {
        create("ud1.example.com", "10.0.4.1", "bare-metal", "nc").statusCode(201);
        given().get("/api/v1/nodes/ud1.example.com/user-data").then().statusCode(409)
                .body("message", containsString("SSH"));
        create("10.0.4.2", "10.0.4.2", "cloud-instance", "nc").statusCode(201);
        // No CA is configured in this test: the answer is a clear 503, never a 500.
        given().get("/api/v1/nodes/10.0.4.2/user-data").then().statusCode(503)
                .body(containsString("enrollment token"));
    }

    private io.restassured.response.ValidatableResponse create(String certname, String address, String kind,
            String role) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("certname", certname, "address", address,
                "kind", kind));
        if (role != null) {
            body.put("role", role);
        }
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/nodes").then();
    }

    /** Waits until the inventory shows the node's facts and {@code reports} runs through this service's API. */
    private void awaitInventory(String certname, int reports) {
        EventFeed.await(() -> {
            io.restassured.response.Response r = given().get("/api/v1/nodes/" + certname + "/inventory?reports=100");
            return r.statusCode() == 200 && r.path("facts") != null
                    && ((List<?>) r.path("reports")).size() == reports;
        }, "the inventory must hold the facts and " + reports + " report(s) of " + certname);
    }

    private int classifiedEvents(String certname) {
        return db().count("SELECT count(*) FROM outbox_event WHERE event_key = ? AND "
                + "event_type = 'io.puppetplane.enrollment.node-classified.v1'", certname);
    }

    private Database db() {
        return new Database(dataSource);
    }
}
