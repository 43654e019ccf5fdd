package io.puppetplane.enrollment.operator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.puppetplane.enrollment.LoopbackSshServer;
import io.puppetplane.enrollment.Operators;
import io.puppetplane.events.Topics;
import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every operator path needs an account; viewers read, admins change, every change is audited (row and event), and
 * browser forms need their CSRF token and the service's own origin. Over real HTTP against real PostgreSQL/Kafka.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresAndKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "enrollment"))
@QuarkusTestResource(LoopbackSshServer.class)
class OperatorAccessTest {

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void authenticateAsAdmin() {
        Operators.restAssuredAsAdmin();
    }

    @Test
    void anonymousBrowserIsSentToTheLoginPage() {
        given().auth().none().redirects().follow(false).get("/dashboard").then().statusCode(302)
                .header("Location", containsString("/login"));
        given().auth().none().get("/login").then().statusCode(200).body(containsString("j_security_check"));
    }

    @Test
    void anonymousApiCallerGets401WithABasicChallenge() {
        given().auth().none().get("/api/v1/nodes").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"));
        given().auth().none().contentType(ContentType.JSON).body(Map.of("certname", "anon.example.com",
                "address", "10.0.0.9", "kind", "bare-metal")).post("/api/v1/nodes").then().statusCode(401);
        assertEquals(0, db().count("SELECT count(*) FROM node WHERE certname = 'anon.example.com'"),
                "an anonymous POST changes nothing");
    }

    @Test
    void wrongPasswordIsRefused() {
        given().auth().preemptive().basic(Operators.ADMIN, "not-the-password").get("/api/v1/nodes").then()
                .statusCode(401);
        given().auth().preemptive().basic("nobody", "not-the-password").get("/api/v1/nodes").then().statusCode(401);
    }

    @Test
    void repeatedWrongPasswordsLockTheNameOut() {
        createOperator("guessed", "viewer", "guessed-password");
        for (int i = 0; i < 10; i++) {
            given().auth().preemptive().basic("guessed", "guess-" + i).get("/api/v1/me").then().statusCode(401);
        }
        given().auth().preemptive().basic("guessed", "guessed-password").get("/api/v1/me").then().statusCode(401);
        given().get("/api/v1/me").then().statusCode(200).body("name", is("admin"));
    }

    @Test
    void viewerReadsButMayNotChangeAnything() {
        createOperator("viewer1", "viewer", "viewer1-password");
        createNode("view1.example.com");

        given().auth().preemptive().basic("viewer1", "viewer1-password").get("/api/v1/nodes/view1.example.com")
                .then().statusCode(200).body("certname", is("view1.example.com"));
        given().auth().preemptive().basic("viewer1", "viewer1-password").post(
                "/api/v1/nodes/view1.example.com/decommission").then().statusCode(403)
                .body("message", containsString("needs the admin role"));
        given().auth().preemptive().basic("viewer1", "viewer1-password").get("/api/v1/operators").then()
                .statusCode(403);
        given().get("/api/v1/nodes/view1.example.com").then().body("state", is("registered"));
    }

    @Test
    void adminChangesAreAuditedWithAnEvent() {
        createNode("audit1.example.com");
        given().contentType(ContentType.JSON).body(Map.of("role", "cc"))
                .put("/api/v1/nodes/audit1.example.com/classification").then().statusCode(200);

        given().queryParam("target", "audit1.example.com").get("/api/v1/audit").then().statusCode(200)
                .body("action", hasItem("node.classify")).body("action", hasItem("node.create"))
                .body("actor", hasItem("admin")).body("outcome", not(hasItem("refused")));
        List<String> events = EventFeed.values(Topics.AUDIT, "audit1.example.com",
                v -> v.stream().anyMatch(e -> e.contains("node.classify")), Duration.ofSeconds(20));
        assertTrue(events.stream().anyMatch(e -> e.contains("io.puppetplane.enrollment.operator-action-recorded.v1")
                && e.contains("\"actor\":\"admin\"") && e.contains("node.classify")),
                "the classification is announced on the audit topic: " + events);
    }

    @Test
    void refusedChangesAreAuditedAsRefused() {
        createNode("audit2.example.com");
        given().contentType(ContentType.JSON).body(Map.of("role", "not a role"))
                .put("/api/v1/nodes/audit2.example.com/classification").then().statusCode(400);

        given().queryParam("target", "audit2.example.com").get("/api/v1/audit").then()
                .body("find { it.action == 'node.classify' }.outcome", is("refused"))
                .body("find { it.action == 'node.classify' }.detail", containsString("not valid"));
    }

    @Test
    void formLoginGivesASessionWhoseFormsNeedTheirToken() {
        createNode("form1.example.com");
        String session = login(Operators.ADMIN, Operators.ADMIN_PASSWORD);

        String page = given().auth().none().cookie("quarkus-credential", session).get("/dashboard/nodes?q=form1")
                .then().statusCode(200).body(containsString("form1.example.com")).extract().asString();
        String token = csrfToken(page);

        given().auth().none().cookie("quarkus-credential", session).contentType(ContentType.URLENC)
                .formParam("role", "nc").redirects().follow(false)
                .post("/dashboard/nodes/form1.example.com/role").then().statusCode(403)
                .body(containsString("CSRF token"));
        given().auth().none().cookie("quarkus-credential", session).contentType(ContentType.URLENC)
                .formParam("role", "nc").formParam("csrf-token", token + "x").redirects().follow(false)
                .post("/dashboard/nodes/form1.example.com/role").then().statusCode(403);
        given().get("/api/v1/nodes/form1.example.com").then().body("role", is((String) null));

        given().auth().none().cookie("quarkus-credential", session).contentType(ContentType.URLENC)
                .formParam("role", "nc").formParam("csrf-token", token).redirects().follow(false)
                .post("/dashboard/nodes/form1.example.com/role").then().statusCode(303);
        given().get("/api/v1/nodes/form1.example.com").then().body("role", is("nc"));
    }

    @Test
    void anotherOperatorsTokenIsRefused() {
        createNode("form2.example.com");
        createOperator("admin2", "admin", "admin2-password");
        String adminToken = csrfToken(given().auth().none().cookie("quarkus-credential",
                login(Operators.ADMIN, Operators.ADMIN_PASSWORD)).get("/dashboard").asString());
        String other = login("admin2", "admin2-password");

        given().auth().none().cookie("quarkus-credential", other).contentType(ContentType.URLENC)
                .formParam("role", "nc").formParam("csrf-token", adminToken).redirects().follow(false)
                .post("/dashboard/nodes/form2.example.com/role").then().statusCode(403);
    }

    @Test
    void crossSiteRequestsAreRefused() {
        createNode("xsite1.example.com");
        given().header("Origin", "http://attacker.example.net").post("/api/v1/nodes/xsite1.example.com/decommission")
                .then().statusCode(403).body(containsString("cross-site"));
        given().get("/api/v1/nodes/xsite1.example.com").then().body("state", is("registered"));
    }

    @Test
    void removedOperatorsSessionEndsAtItsNextRequest() {
        createOperator("leaver", "viewer", "leaver-password");
        String session = login("leaver", "leaver-password");
        given().auth().none().cookie("quarkus-credential", session).get("/dashboard").then().statusCode(200);

        given().delete("/api/v1/operators/leaver").then().statusCode(204);

        given().auth().none().cookie("quarkus-credential", session).redirects().follow(false).get("/dashboard")
                .then().statusCode(302).header("Location", containsString("/login"));
        given().auth().preemptive().basic("leaver", "leaver-password").get("/api/v1/nodes").then().statusCode(401);
    }

    @Test
    void accountsAreValidatedAndTheLastAdminStays() {
        given().contentType(ContentType.JSON).body(Map.of("name", "short", "role", "viewer", "password", "short"))
                .post("/api/v1/operators").then().statusCode(400).body("message", containsString("12 characters"));
        given().contentType(ContentType.JSON).body(Map.of("name", "Bad Name", "role", "viewer", "password",
                "long-enough-password")).post("/api/v1/operators").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("name", "x1", "role", "root", "password",
                "long-enough-password")).post("/api/v1/operators").then().statusCode(400)
                .body("message", containsString("admin, viewer"));
        given().delete("/api/v1/operators/admin").then().statusCode(409).body("message", containsString("last admin"));
        given().get("/api/v1/operators").then().statusCode(200).body("name", hasItem("admin"))
                .body(not(containsString("pbkdf2")));
        assertTrue(db().strings("SELECT password_hash FROM operator_account").stream()
                .allMatch(h -> h.startsWith("pbkdf2-sha256$")), "only hashes are stored");
    }

    @Test
    void meNamesTheOperatorAndItsRole() {
        given().get("/api/v1/me").then().statusCode(200).body("name", is("admin")).body("role", is("admin"));
    }

    private static String login(String name, String password) {
        return Operators.formLogin(name, password);
    }

    private static String csrfToken(String page) {
        return Operators.csrfToken(page);
    }

    private static void createOperator(String name, String role, String password) {
        given().contentType(ContentType.JSON).body(Map.of("name", name, "role", role, "password", password))
                .post("/api/v1/operators").then().statusCode(201).body("name", is(name)).body("role", is(role));
    }

    private static void createNode(String certname) {
        given().contentType(ContentType.JSON).body(Map.of("certname", certname, "address", "10.0.7.1",
                "kind", "bare-metal")).post("/api/v1/nodes").then().statusCode(201);
    }

    private Database db() {
        return new Database(dataSource);
    }
}
