package io.puppetplane.inventory.ingest;

import static io.puppetplane.inventory.testing.Json.ok;
import static io.puppetplane.inventory.testing.Json.texts;
import static io.puppetplane.inventory.testing.Pdb.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.agroal.api.AgroalDataSource;
import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.puppetplane.inventory.ingest.repository.NameIds;
import io.puppetplane.inventory.differential.Corpus;
import io.puppetplane.inventory.differential.PdbHttp;
import io.puppetplane.inventory.testing.InventoryTestResource;
import io.puppetplane.inventory.testing.Json;
import io.puppetplane.inventory.testing.Pdb;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The captured command corpus (real puppet-terminus-puppetdb runs plus synthetic variants) replayed through
 * {@code POST /pdb/cmd/v1}, then checked against PuppetDB's ordering rules (reference §6).
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresAndKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
@QuarkusTestResource(InventoryTestResource.class)
class CommandApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    NameIds nameIds;

    @BeforeEach
    void replay() {
        Pdb.replayCorpusOnce();
    }

    @Test
    void factsOlderThanTheStoredOnesAreIgnored() {
        JsonNode factset = ok(query("/pdb/query/v4/factsets", "[\"=\",\"certname\",\"web1\"]")).get(0);
        assertEquals("2026-12-07T15:37:17.575Z", factset.path("producer_timestamp").asText(),
                "web1 keeps its second run's facts; the synthetic ones an hour older are stale");
    }

    @Test
    void aCatalogOlderThanTheStoredOneIsIgnored() {
        JsonNode catalog = ok(Pdb.http().get("/pdb/query/v4/catalogs/web1"));
        assertEquals("2026-12-07T15:37:18.579Z", catalog.path("producer_timestamp").asText(),
                "web1 keeps its second run's catalog");
    }

    @Test
    void factsWithAnEqualProducerTimestampReplaceTheStoredOnes() {
        JsonNode facts = ok(query("/pdb/query/v4/facts", "[\"and\",[\"=\",\"certname\",\"lb1\"],[\"=\",\"name\",\"pp_ip\"]]"));
        assertEquals(List.of("192.0.2.22"), texts(facts, "value"),
                "the gzipped resubmission of lb1's facts with an equal producer timestamp replaced them");
    }

    @Test
    void aDeactivatedNodeLeavesTheActiveEndpointsButStaysUnderNodeStateAny() {
        List<String> active = texts(ok(Pdb.http().get("/pdb/query/v4/nodes")), "certname");
        assertFalse(active.contains("web2"), "web2 was deactivated: " + active);
        JsonNode any = ok(query("/pdb/query/v4/nodes", "[\"=\",\"node_state\",\"any\"]"));
        JsonNode web2 = null;
        for (JsonNode n : any) {
            if (n.path("certname").asText().equals("web2")) {
                web2 = n;
            }
        }
        assertNotNull(web2, "web2 is still known under node_state any");
        assertEquals("2026-12-07T15:37:42.381Z", web2.path("deactivated").asText(),
                "deactivated is the command's producer timestamp");
        JsonNode exported = ok(query("/pdb/query/v4/resources",
                "[\"and\",[\"=\",\"certname\",\"web2\"],[\"=\",\"exported\",true]]"));
        assertEquals(0, exported.size(), "a deactivated node's exports are no longer collected: " + exported);
        JsonNode exportedAny = ok(query("/pdb/query/v4/resources",
                "[\"and\",[\"=\",\"certname\",\"web2\"],[\"=\",\"exported\",true],[\"=\",\"node_state\",\"any\"]]"));
        assertTrue(exportedAny.size() > 0, "web2's exports stay stored");
    }

    @Test
    void aStaleDeactivationIsIgnoredAndNewerFactsReactivateTheNode() {
        JsonNode db1 = ok(Pdb.http().get("/pdb/query/v4/nodes/db1"));
        assertTrue(db1.path("deactivated").isNull(),
                "db1 was deactivated (the older deactivation being stale), then reactivated by newer facts: " + db1);
        List<String> active = texts(ok(Pdb.http().get("/pdb/query/v4/nodes")), "certname");
        assertTrue(active.contains("db1"), "db1 is active again: " + active);
        JsonNode factset = ok(query("/pdb/query/v4/factsets", "[\"=\",\"certname\",\"db1\"]")).get(0);
        assertEquals("2026-12-07T15:39:53.494Z", factset.path("producer_timestamp").asText());
    }

    @Test
    void deactivatingAnUnknownNodeRecordsItAsInactive() {
        JsonNode ghost = ok(Pdb.http().get("/pdb/query/v4/nodes/ghost1"));
        assertEquals("2026-12-07T15:40:53.494Z", ghost.path("deactivated").asText(), "ghost1: " + ghost);
        JsonNode ghost2 = ok(Pdb.http().get("/pdb/query/v4/nodes/ghost2"));
        assertEquals("2026-12-07T15:43:53.494Z", ghost2.path("deactivated").asText(),
                "the deprecated wrapped body form is applied too: " + ghost2);
    }

    @Test
    void aDuplicateReportIsStoredOnceAndTheNewestBecomesTheLatest() {
        JsonNode reports = ok(query("/pdb/query/v4/reports", "[\"=\",\"certname\",\"web1\"]"));
        assertEquals(4, reports.size(), "web1: two captured runs, one moved a day back, one with a newer producer"
                + " timestamp; the unchanged resubmission is a duplicate: " + texts(reports, "producer_timestamp"));
        String latest = null;
        for (JsonNode r : reports) {
            if (r.path("producer_timestamp").asText().equals("2026-12-07T15:44:53.494Z")) {
                latest = r.path("hash").asText();
            }
        }
        JsonNode web1 = ok(Pdb.http().get("/pdb/query/v4/nodes/web1"));
        assertEquals(latest, web1.path("latest_report_hash").asText(), "the newest report is web1's latest");
        JsonNode latestOnly = ok(query("/pdb/query/v4/reports",
                "[\"and\",[\"=\",\"certname\",\"web1\"],[\"=\",\"latest_report?\",true]]"));
        assertEquals(List.of(latest), texts(latestOnly, "hash"), "latest_report? picks the same report");
    }

    @Test
    void refusedSubmissionsAreAnsweredWithAClientErrorAndAMessage() {
        PdbHttp http = Pdb.http();
        for (Corpus.Request r : Pdb.corpus().refusedCommands()) {
            PdbHttp.Exchange e = r.sendTo(http);
            assertTrue(e.status() >= 400 && e.status() < 600 && e.status() != 500,
                    r.label() + " must be refused without a server error, got " + e.status() + " " + e.body());
            if (!r.waitForCompletion()) {
                assertTrue(e.status() < 500, r.label() + ": a bad submission is a client error, got " + e.status());
            }
            assertFalse(e.body().isBlank(), r.label() + " must say why");
            assertFalse(e.body().contains("\tat "), r.label() + " must not show a stack trace: " + e.body());
        }
    }

    @Test
    void malformedPayloadsAre400WithTheReasonNever500() {
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("replace_facts&version=5", "{\"certname\":\"bad1\",\"environment\":\"production\",\"values\":\"x\"}");
        bad.put("replace_facts&version=5 ", "[]");
        bad.put("replace_facts&version=5  ", "null");
        bad.put("replace_facts&version=5   ", "{\"certname\":\"bad1\",\"values\":{},\"producer_timestamp\":\"soon\"}");
        bad.put("replace_catalog&version=9", "{\"certname\":\"bad1\",\"version\":\"1\",\"resources\":{},\"edges\":[]}");
        bad.put("replace_catalog&version=9 ", "{\"certname\":\"bad1\",\"version\":\"1\",\"edges\":[],"
                + "\"resources\":[{\"type\":\"File\",\"exported\":false,\"tags\":[],\"parameters\":{}}]}");
        bad.put("replace_catalog&version=9  ", "{\"certname\":\"bad1\",\"version\":\"1\",\"resources\":[],"
                + "\"edges\":[{\"source\":\"x\"}]}");
        bad.put("store_report&version=8", "{\"certname\":\"bad1\",\"puppet_version\":\"7\",\"report_format\":12,"
                + "\"configuration_version\":\"1\",\"start_time\":\"yesterday\",\"end_time\":\"now\"}");
        bad.put("store_report&version=8 ", "{\"certname\":\"bad1\",\"puppet_version\":\"7\",\"report_format\":12,"
                + "\"configuration_version\":\"1\",\"start_time\":\"2026-01-01T00:00:00Z\","
                + "\"end_time\":\"2026-01-01T00:00:01Z\",\"resources\":[{\"events\":\"x\"}]}");
        bad.put("deactivate_node&version=3", "{\"certname\":5}");
        for (Map.Entry<String, String> b : bad.entrySet()) {
            PdbHttp.Exchange e = Pdb.http().send("POST", "/pdb/cmd/v1?certname=bad1&command=" + b.getKey().trim(),
                    Map.of("Content-Type", "application/json"), b.getValue().getBytes(StandardCharsets.UTF_8));
            assertEquals(400, e.status(), b.getKey().trim() + " " + b.getValue() + ": " + e.body());
            assertTrue(Json.parse(e.body()).path("error").asText().length() > 20,
                    "the error says why: " + e.body());
        }
        assertEquals(404, Pdb.http().get("/pdb/query/v4/nodes/bad1").status(),
                "nothing of a refused command is stored");
    }

    @Test
    void aCommandWithoutParametersOrBodyGets400Json() {
        PdbHttp.Exchange e = Pdb.http().send("POST", "/pdb/cmd/v1",
                Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, e.status(), e.body());
        assertTrue(Json.parse(e.body()).path("error").asText().length() > 10, "the error says why: " + e.body());
    }

    /**
     * The first commands naming a new environment and producer, arriving together, are all stored: a command whose
     * INSERT of the name waited for another's must still find the id (it answered 500 "no id for environments").
     */
    @Test
    void commandsRacingToCreateTheSameEnvironmentAreAllStored() throws Exception {
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 4; round++) {
                String environment = "race" + System.nanoTime();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<PdbHttp.Exchange>> answers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String certname = "race-" + round + "-" + t;
                    String body = "{\"certname\":\"" + certname + "\",\"environment\":\"" + environment
                            + "\",\"producer\":\"" + environment + ".example.com\",\"producer_timestamp\":"
                            + "\"2026-12-07T16:00:00.000Z\",\"values\":{\"kernel\":\"Linux\"}}";
                    answers.add(pool.submit(() -> {
                        start.await();
                        return Pdb.http().send("POST", "/pdb/cmd/v1?certname=" + certname
                                + "&command=replace_facts&version=5", Map.of("Content-Type", "application/json"),
                                body.getBytes(StandardCharsets.UTF_8));
                    }));
                }
                start.countDown();
                for (Future<PdbHttp.Exchange> a : answers) {
                    PdbHttp.Exchange e = a.get();
                    assertEquals(200, e.status(), "a racing first use of " + environment + ": " + e.body());
                }
            }
        } finally {
            pool.shutdown();
            // the nodes, environments and producers of this test are no part of the corpus the other tests query
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM certnames WHERE certname LIKE 'race-%'");
                st.executeUpdate("DELETE FROM environments WHERE environment LIKE 'race%'");
                st.executeUpdate("DELETE FROM producers WHERE name LIKE 'race%'");
            }
            nameIds.forget();
        }
    }
}
