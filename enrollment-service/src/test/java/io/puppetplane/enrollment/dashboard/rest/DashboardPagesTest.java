package io.puppetplane.enrollment.dashboard.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.puppetplane.enrollment.EventFeed;
import io.puppetplane.enrollment.InventoryTestResource;
import io.puppetplane.enrollment.LoopbackSshServer;
import io.puppetplane.enrollment.Operators;
import io.puppetplane.enrollment.inventory.service.PuppetDbQueries;
import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The dashboard's pages as an operator's browser gets them (session cookie, HTML): counts and search, a node's page
 * with its facts and runs from the real inventory-service (and without them when it cannot be asked), the audit
 * page, and the certificates page when ca-service cannot be reached (this test runs none; the local
 * plane's end-to-end test signs and revokes through a real one).
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresAndKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "enrollment"))
@QuarkusTestResource(LoopbackSshServer.class)
@QuarkusTestResource(InventoryTestResource.class)
class DashboardPagesTest {

    private final EventFeed feed = new EventFeed();
    private String session;

    @BeforeEach
    void logIn() {
        Operators.restAssuredAsAdmin();
        session = Operators.formLogin(Operators.ADMIN, Operators.ADMIN_PASSWORD);
    }

    @Test
    void countsPerStateAndSearchNarrowTheNodes() {
        create("search-a1.example.com", "nc");
        create("search-b1.example.com", "cc");

        String all = page("/dashboard");
        assertEquals(true, all.contains("id=\"counts\"") && all.contains("registered</a>: "), "counts shown: " + all);
        given().auth().none().cookie(Operators.SESSION_COOKIE, session).queryParam("q", "search-a")
                .get("/dashboard").then().statusCode(200).body(containsString("node-search-a1.example.com"))
                .body(not(containsString("node-search-b1.example.com")));
        given().auth().none().cookie(Operators.SESSION_COOKIE, session).queryParam("role", "cc")
                .queryParam("state", "registered").get("/dashboard").then().statusCode(200)
                .body(containsString("node-search-b1.example.com"))
                .body(not(containsString("node-search-a1.example.com")));
    }

    @Test
    void nodePageShowsItsStepHistoryFactsRunsAndActions() throws Exception {
        create("page1.example.com", "nc");
        // not Debian: another test filters every node by os.family=Debian
        feed.facts("page1.example.com", Map.of("os", Map.of("family", "Devuan"), "kernel", "Linux"));
        java.time.Instant runAt = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        feed.report("page1.example.com", "failed",
                EventFeed.agentReport("page1.example.com", "failed", "tx-page1", runAt, true));
        EventFeed.await(() -> {
            String inventory = given().get("/api/v1/nodes/page1.example.com/inventory").then().extract().asString();
            return inventory.contains("tx-page1") && inventory.contains("Devuan");
        }, "the inventory holds the facts and the report");

        given().auth().none().cookie(Operators.SESSION_COOKIE, session).get("/dashboard/nodes/page1.example.com")
                .then().statusCode(200)
                .body(containsString("id=\"state\">registered"))
                .body(containsString("enrolled as bare-metal"))
                .body(containsString("{&quot;family&quot;:&quot;Devuan&quot;}"))
                .body(containsString("id=\"last-run\">failed " + runAt.plusMillis(1500)))
                .body(containsString("class=\"status failed\""))
                .body(containsString("2 failed"))
                .body(containsString("Could not start Service[eucalyptus-nc]"))
                .body(containsString("Systemd start for eucalyptus-nc failed!"))
                .body(containsString("node.create"))
                .body(not(containsString("inventory-unavailable")));
        given().auth().none().cookie(Operators.SESSION_COOKIE, session).get("/dashboard/nodes/nobody.example.com")
                .then().statusCode(404).body(containsString("nobody.example.com"));
    }

    @Test
    void pagesSayWhenTheInventoryCannotBeAskedAndShowTheRest() throws Exception {
        create("noinv2.example.com", "nc");
        io.quarkus.test.junit.QuarkusMock.installMockForType(InventoryTestResource.unreachable(),
                PuppetDbQueries.class);

        String node = page("/dashboard/nodes/noinv2.example.com");
        assertEquals(true, node.contains("id=\"inventory-unavailable\"") && node.contains("cannot reach the "
                + "inventory at http://127.0.0.1:"), "the node's page says why facts and runs are missing: " + node);
        assertEquals(true, node.contains("unknown (the inventory cannot be asked)"), "no last run is made up");
        assertEquals(true, node.contains("id=\"state\">registered") && node.contains("enrolled as bare-metal")
                && node.contains("node.create"), "the rest of the page is there: " + node);
        assertEquals(false, node.contains("No facts received yet"), "an unreachable inventory is not 'no facts'");
        String dashboard = page("/dashboard");
        assertEquals(true, dashboard.contains("id=\"inventory-unavailable\"")
                && dashboard.contains("node-noinv2.example.com") && dashboard.contains("id=\"counts\""),
                "the dashboard lists the nodes and says why runs are missing: " + dashboard);
        assertEquals(1, dashboard.split("cannot reach the inventory", -1).length - 1,
                "one question failed, the page asked no further: " + dashboard);
    }

    @Test
    void auditPageListsWhatOperatorsDid() {
        create("audited1.example.com", null);

        given().auth().none().cookie(Operators.SESSION_COOKIE, session).get("/dashboard/audit").then()
                .statusCode(200).body(containsString("audited1.example.com")).body(containsString("node.create"));
    }

    @Test
    void certificatesPageSaysWhenTheCaCannotBeAskedAndActionsChangeNothing() {
        String page = page("/dashboard/certificates");
        assertEquals(true, page.contains("cannot list the CA"), "the page says why it is empty: " + page);

        given().auth().none().cookie(Operators.SESSION_COOKIE, session).contentType(ContentType.URLENC)
                .formParam("csrf-token", Operators.csrfToken(page)).redirects().follow(false)
                .post("/dashboard/certificates/pending9.example.com/sign").then().statusCode(503)
                .body(containsString("nothing was changed"));
        given().queryParam("target", "pending9.example.com").get("/api/v1/audit").then().statusCode(200)
                .body(containsString("certificate.sign")).body(containsString("refused"));
    }

    @Test
    void viewerCannotSignOrRevoke() {
        given().contentType(ContentType.JSON).body(Map.of("name", "ca-viewer", "role", "viewer", "password",
                "ca-viewer-password")).post("/api/v1/operators").then().statusCode(201);
        String viewer = Operators.formLogin("ca-viewer", "ca-viewer-password");
        String page = given().auth().none().cookie(Operators.SESSION_COOKIE, viewer).get("/dashboard/certificates")
                .then().statusCode(200).body(not(containsString("/sign\""))).extract().asString();

        given().auth().none().cookie(Operators.SESSION_COOKIE, viewer).contentType(ContentType.URLENC)
                .formParam("csrf-token", Operators.csrfToken(page)).redirects().follow(false)
                .post("/dashboard/certificates/pending9.example.com/revoke").then().statusCode(403);
    }

    private String page(String path) {
        return given().auth().none().cookie(Operators.SESSION_COOKIE, session).get(path).then().statusCode(200)
                .extract().asString();
    }

    private void create(String certname, String role) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("certname", certname, "address", "10.0.8.1",
                "kind", "bare-metal"));
        if (role != null) {
            body.put("role", role);
        }
        given().contentType(ContentType.JSON).body(body).post("/api/v1/nodes").then().statusCode(201);
    }
}
