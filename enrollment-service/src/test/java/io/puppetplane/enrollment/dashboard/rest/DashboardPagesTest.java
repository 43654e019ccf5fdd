package io.puppetplane.enrollment.dashboard.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

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
 * The dashboard's pages as an operator's browser gets them (session cookie, HTML): the overview's counts and charts,
 * the nodes list's filters and pages (in this service's table and in the inventory's query), a node's page
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
    void nodesListSearchesByNameStepAndRoleAndPagesInThisServicesTable() {
        for (int i = 1; i <= 7; i++) {
            create("lst-a" + i + ".example.com", i <= 2 ? "cc" : "nc");
        }

        String first = page("/dashboard/nodes?q=lst-a");
        assertEquals(true, first.contains("of <span id=\"total\">7</span>, page 1 of 2"), "7 match, 5 a page: "
                + first);
        assertEquals(5, rows(first).size(), "one page of rows: " + rows(first));
        assertEquals(List.of("lst-a1.example.com", "lst-a2.example.com", "lst-a3.example.com", "lst-a4.example.com",
                "lst-a5.example.com"), rows(first), "by certname");
        assertEquals(true, first.contains("href=\"/dashboard/nodes?q=lst-a&amp;page=2\""), "a link to page 2");
        assertEquals(List.of("lst-a6.example.com", "lst-a7.example.com"), rows(page("/dashboard/nodes?q=lst-a&page=2")),
                "the rest on page 2");
        assertEquals(List.of("lst-a1.example.com", "lst-a2.example.com"),
                rows(page("/dashboard/nodes?q=lst-a&role=cc&step=registered")), "role and step narrow it");
        assertEquals(List.of(), rows(page("/dashboard/nodes?q=lst-a&step=ready")), "nobody is ready");
        assertEquals(true, page("/dashboard/nodes?q=lst-a&step=ready").contains("No node matches."), "said so");
    }

    @Test
    void nodesListFiltersByRunStatusEnvironmentAndFactInTheInventory() {
        create("flt-bad.example.com", "nc");
        create("flt-good.example.com", "nc");
        Instant now = Instant.now();
        feed.facts("flt-bad.example.com", Map.of("os", Map.of("family", "Gentoo"), "cores", 3));
        feed.report("flt-good.example.com", "unchanged", EventFeed.agentReport("flt-good.example.com", "unchanged",
                "tx-flt-good", now.minusSeconds(600), false));
        feed.report("flt-bad.example.com", "failed", EventFeed.agentReport("flt-bad.example.com", "failed",
                "tx-flt-bad", now.minusSeconds(60), true));
        // an agent the inventory knows that was never enrolled here
        feed.report("flt-stray.example.com", "failed", EventFeed.agentReport("flt-stray.example.com", "failed",
                "tx-flt-stray", now.minusSeconds(30), true));
        awaitInventory("flt-bad.example.com", "\"latest_report_status\":\"failed\"");
        awaitInventory("flt-good.example.com", "\"latest_report_status\":\"unchanged\"");
        awaitInventory("flt-stray.example.com", "\"latest_report_status\":\"failed\"");
        EventFeed.await(() -> InventoryTestResource.inventory().getOrEmpty(
                "/pdb/query/v4/nodes/flt-bad.example.com/facts/cores").contains("3"), "facts stored");

        String failed = page("/dashboard/nodes?q=flt-&status=failed");
        assertEquals(List.of("flt-bad.example.com", "flt-stray.example.com"), rows(failed), "failed only: " + failed);
        assertEquals(true, failed.contains("data-status=\"failed\" data-report-status=\"failed\"><span class=\"status status-failed\">"
                + "<span aria-hidden=\"true\">✖</span> failed</span>"), "shown as failed, colour and icon: " + failed);
        assertEquals(true, failed.contains("<td class=\"state step not enrolled here\">not enrolled here"),
                "the stray agent is listed as not enrolled: " + failed);
        assertEquals(true, failed.matches("(?s).*<time datetime=\"[^\"]+\" title=\"\\d{4}-\\d\\d-\\d\\d "
                + "\\d\\d:\\d\\d:\\d\\d UTC\">(\\d+ min ago|just now)</time>.*"), "relative time, exact on hover: "
                + failed);
        assertEquals(List.of("flt-good.example.com"), rows(page("/dashboard/nodes?q=flt-&status=unchanged")),
                "unchanged only");
        assertEquals(List.of("flt-bad.example.com"), rows(page("/dashboard/nodes?q=flt-&status=failed&step="
                + "registered")), "run status and step together: the enrolled one");
        assertEquals(List.of(), rows(page("/dashboard/nodes?q=flt-&status=failed&step=ready")), "no ready node");
        assertEquals(List.of("flt-bad.example.com"), rows(page("/dashboard/nodes?fact=os.family=Gentoo")),
                "by fact value");
        assertEquals(List.of("flt-bad.example.com"), rows(page("/dashboard/nodes?fact=cores=3")),
                "a number compared as its text");
        assertEquals(List.of("flt-stray.example.com", "flt-bad.example.com", "flt-good.example.com"),
                rows(page("/dashboard/nodes?q=flt-&environment=production&sort=last-run")),
                "by environment, newest run first");
        assertEquals(List.of(), rows(page("/dashboard/nodes?q=flt-&environment=nowhere")), "no such environment");
    }

    @Test
    void nodesListAnswersBadFiltersWith400AndAMessage() {
        given().auth().none().cookie(Operators.SESSION_COOKIE, session).queryParam("status", "on-fire")
                .get("/dashboard/nodes").then().statusCode(400).body(containsString("unknown run status"))
                .body(containsString("on-fire"));
        given().auth().none().cookie(Operators.SESSION_COOKIE, session).queryParam("page", "minus-one")
                .get("/dashboard/nodes").then().statusCode(400).body(containsString("page must be a number"));
        given().auth().none().cookie(Operators.SESSION_COOKIE, session).queryParam("fact", "os.family")
                .get("/dashboard/nodes").then().statusCode(400).body(containsString("path=value"));
        given().auth().none().cookie(Operators.SESSION_COOKIE, session).queryParam("step", "<script>")
                .get("/dashboard/nodes").then().statusCode(400).body(containsString("&lt;script&gt;"))
                .body(not(containsString("<script>")));
    }

    @Test
    void overviewCountsNodesByLatestRunAndRunsPerDayFromTheInventory() {
        Map<String, Long> before = statusCounts(page("/dashboard"));
        Instant now = Instant.now();
        Instant threeDaysAgo = now.minus(Duration.ofDays(3));
        String oldDay = LocalDate.ofInstant(threeDaysAgo, ZoneOffset.UTC).toString();
        long changedBefore = dayCount(page("/dashboard"), oldDay, "changed");

        feed.report("ov-changed.example.com", "changed", EventFeed.agentReport("ov-changed.example.com", "changed",
                "tx-ov-old", threeDaysAgo, false));
        awaitInventory("ov-changed.example.com", "\"latest_report_status\":\"changed\"");
        feed.report("ov-failed.example.com", "failed", EventFeed.agentReport("ov-failed.example.com", "failed",
                "tx-ov-failed", now, true));
        feed.report("ov-changed.example.com", "changed", EventFeed.agentReport("ov-changed.example.com", "changed",
                "tx-ov-changed", now, false));
        feed.report("ov-unchanged.example.com", "unchanged", EventFeed.agentReport("ov-unchanged.example.com",
                "unchanged", "tx-ov-unchanged", now, false));
        ObjectNode noop = (ObjectNode) EventFeed.agentReport("ov-noop.example.com", "unchanged", "tx-ov-noop", now,
                false);
        noop.put("noop", true).put("noop_pending", true);
        feed.report("ov-noop.example.com", "unchanged", noop);
        feed.report("ov-stale.example.com", "failed", EventFeed.agentReport("ov-stale.example.com", "failed",
                "tx-ov-stale", now.minus(Duration.ofHours(3)), true));
        feed.facts("ov-never.example.com", Map.of("os", Map.of("family", "Alpine")));
        awaitInventory("ov-failed.example.com", "\"latest_report_status\":\"failed\"");
        EventFeed.await(() -> InventoryTestResource.inventory().getOrEmpty("/pdb/query/v4/reports?query="
                + java.net.URLEncoder.encode("[\"=\",\"transaction_uuid\",\"tx-ov-changed\"]",
                        java.nio.charset.StandardCharsets.UTF_8)).contains("tx-ov-changed"), "the newer run stored");
        awaitInventory("ov-unchanged.example.com", "\"latest_report_status\":\"unchanged\"");
        awaitInventory("ov-noop.example.com", "\"latest_report_noop_pending\":true");
        awaitInventory("ov-stale.example.com", "\"latest_report_status\":\"failed\"");
        awaitInventory("ov-never.example.com", "\"facts_timestamp\"");

        String overview = page("/dashboard");
        Map<String, Long> after = statusCounts(overview);
        for (String status : List.of("failed", "changed", "unchanged", "noop-pending", "unreported",
                "never-reported")) {
            assertEquals(before.get(status) + 1, after.get(status), status + ": one more node: " + before + " → "
                    + after);
        }
        assertEquals(changedBefore + 1, dayCount(overview, oldDay, "changed"), "the run of three days ago counted "
                + "on its day: " + overview);
        assertEquals(true, overview.indexOf("id=\"attention\"") < overview.indexOf("id=\"status-counts\"")
                && overview.contains("id=\"failed-run-ov-failed.example.com\""), "failing nodes come first: "
                + overview);
        assertEquals(false, overview.contains("id=\"failed-run-ov-stale.example.com\""),
                "a stale failure is unreported, not failing now");
        assertEquals(true, overview.contains("id=\"status-chart\"") && overview.contains("id=\"runs-chart\""),
                "both charts drawn");
        assertEquals(true, overview.contains("id=\"ca-unavailable\""), "pending requests are ca-service's, which "
                + "this test does not run, and the page says so: " + overview);
    }

    @Test
    void overviewCountsThePipelinePerStepAndListsFailedEnrollmentsFirst() throws Exception {
        String before = page("/dashboard");
        long registered = tileCount(before, "step-registered");
        create("pipe1.example.com", "nc");
        create("pipe2.example.com", null);

        String after = page("/dashboard");
        assertEquals(registered + 2, tileCount(after, "step-registered"), "two more registered: " + after);
        assertEquals(true, after.contains("href=\"/dashboard/nodes?step=registered\""), "the count links to them");
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
        String list = page("/dashboard/nodes?q=noinv2");
        assertEquals(true, list.contains("id=\"inventory-unavailable\"")
                && list.contains("node-noinv2.example.com") && list.contains("status-unknown"),
                "the nodes list lists the nodes, says why runs are missing and makes none up: " + list);
        assertEquals(1, list.split("cannot reach the inventory", -1).length - 1,
                "one question failed, the page asked no further: " + list);
        String overview = page("/dashboard");
        assertEquals(true, overview.contains("id=\"inventory-unavailable\"") && overview.contains("id=\"pipeline\"")
                && !overview.contains("id=\"status-counts\""), "the overview says why and shows the pipeline: "
                + overview);
        assertEquals(1, overview.split("cannot reach the inventory", -1).length - 1,
                "one question failed, the overview asked no further: " + overview);
        String filtered = given().auth().none().cookie(Operators.SESSION_COOKIE, session)
                .get("/dashboard/nodes?status=failed").then().statusCode(200).extract().asString();
        assertEquals(true, filtered.contains("id=\"inventory-unavailable\"") && filtered.contains("No node matches."),
                "a filter only the inventory applies lists nothing rather than guessing: " + filtered);
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

    private static List<String> rows(String page) {
        List<String> rows = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<tr id=\"node-([^\"]+)\">").matcher(page);
        while (m.find()) {
            rows.add(m.group(1));
        }
        return rows;
    }

    private static long tileCount(String page, String id) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"" + id
                + "\"><a href=\"[^\"]*\"><span class=\"count\">(\\d+)</span>").matcher(page);
        assertEquals(true, m.find(), id + " shown: " + page);
        return Long.parseLong(m.group(1));
    }

    private static Map<String, Long> statusCounts(String page) {
        Map<String, Long> counts = new java.util.HashMap<>();
        for (String s : List.of("failed", "changed", "unchanged", "noop-pending", "unreported", "never-reported")) {
            counts.put(s, tileCount(page, "status-" + s));
        }
        return counts;
    }

    /** The runs chart's count of one day and status (0 when that part is not drawn). */
    private static long dayCount(String page, String day, String status) {
        java.util.regex.Matcher group = java.util.regex.Pattern.compile("data-day=\"" + day + "\">(.*?)</g>")
                .matcher(page);
        assertEquals(true, group.find(), day + " drawn: " + page);
        java.util.regex.Matcher bar = java.util.regex.Pattern.compile("class=\"bar-" + status + "\" data-status=\""
                + status + "\" data-count=\"(\\d+)\"").matcher(group.group(1));
        return bar.find() ? Long.parseLong(bar.group(1)) : 0;
    }

    private static void awaitInventory(String certname, String expected) {
        EventFeed.await(() -> InventoryTestResource.inventory().getOrEmpty("/pdb/query/v4/nodes/" + certname)
                .contains(expected), certname + " in the inventory with " + expected);
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
