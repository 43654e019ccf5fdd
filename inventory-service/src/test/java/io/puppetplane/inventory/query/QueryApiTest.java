package io.puppetplane.inventory.query;

import static io.puppetplane.inventory.testing.Json.ok;
import static io.puppetplane.inventory.testing.Json.texts;
import static io.puppetplane.inventory.testing.Pdb.enc;
import static io.puppetplane.inventory.testing.Pdb.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.puppetplane.inventory.differential.Normaliser;
import io.puppetplane.inventory.differential.PdbHttp;
import io.puppetplane.inventory.testing.InventoryTestResource;
import io.puppetplane.inventory.testing.Pdb;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Query API v4 (AST, PQL, entity endpoints) over the replayed command corpus. */
@QuarkusTest
@QuarkusTestResource(value = PostgresAndKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
@QuarkusTestResource(InventoryTestResource.class)
class QueryApiTest {

    private static final String COLLECTOR = "[\"and\",[\"=\",\"type\",\"Pp::Endpoint\"],[\"=\",\"exported\",true],"
            + "[\"not\",[\"=\",\"certname\",\"lb1\"]],%s]";

    @BeforeEach
    void replay() {
        Pdb.replayCorpusOnce();
    }

    @Test
    void rootEndpointAnswersAstWithFromAndPql() {
        JsonNode ast = ok(query("/pdb/query/v4", "[\"from\",\"nodes\",[\"=\",\"certname\",\"web1\"]]"));
        assertEquals(List.of("web1"), texts(ast, "certname"), "AST with from");
        JsonNode pql = ok(query("/pdb/query/v4", "nodes[certname] { certname ~ \"^web\" order by certname }"));
        assertEquals(List.of("web1"), texts(pql, "certname"), "PQL: web2 is deactivated, so only web1 is active");
        PdbHttp.Exchange post = Pdb.http().send("POST", "/pdb/query/v4",
                Map.of("Content-Type", "application/json", "Accept", "application/json"),
                "{\"query\":\"facts[value] { certname = 'db1' and name = 'kernel' }\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, ok(post).size(), "puppetdb_query() POSTs {\"query\": PQL}: " + post.body());
    }

    @Test
    void exportedResourcesAreCollectedWithTagTitleAndParameterFiltersExceptFromInactiveNodes() {
        JsonNode byTag = ok(query("/pdb/query/v4/resources", String.format(COLLECTOR, "[\"=\",\"tag\",\"lb\"]")));
        assertEquals(new TreeSet<>(List.of("db1-pg", "dup1-multi", "dup1-string80", "web1-admin", "web1-http")),
                new TreeSet<>(texts(byTag, "title")),
                "the collector's query: other active nodes' exported endpoints tagged lb (web2 is deactivated)");
        JsonNode byTitle = ok(query("/pdb/query/v4/resources", String.format(COLLECTOR,
                "[\"=\",\"title\",\"web1-http\"]")));
        assertEquals(List.of("web1"), texts(byTitle, "certname"), "title filter");
        JsonNode port80 = ok(query("/pdb/query/v4/resources", String.format(COLLECTOR,
                "[\"=\",[\"parameter\",\"port\"],80]")));
        assertEquals(List.of("web1-http"), texts(port80, "title"), "the number 80 matches neither \"80\" nor [80,443]");
        JsonNode string80 = ok(query("/pdb/query/v4/resources", String.format(COLLECTOR,
                "[\"=\",[\"parameter\",\"port\"],\"80\"]")));
        assertEquals(List.of("dup1-string80"), texts(string80, "title"), "the string \"80\"");
        JsonNode array = ok(query("/pdb/query/v4/resources", String.format(COLLECTOR,
                "[\"=\",[\"parameter\",\"port\"],[80,443]]")));
        assertEquals(List.of("dup1-multi"), texts(array, "title"), "an array matches as a whole");
        JsonNode notTagged = ok(query("/pdb/query/v4/resources", String.format(COLLECTOR,
                "[\"not\",[\"=\",\"tag\",\"admin\"]]")));
        assertFalse(texts(notTagged, "title").contains("web1-admin"), "not tag admin: " + texts(notTagged, "title"));
        JsonNode resource = byTitle.get(0);
        for (String field : List.of("certname", "resource", "type", "title", "tags", "exported", "file", "line",
                "environment", "parameters")) {
            assertTrue(resource.has(field), "a resource has " + field + ": " + resource);
        }
    }

    @Test
    void entityEndpointsAnswerTheirShapes() {
        JsonNode facts = ok(Pdb.http().get("/pdb/query/v4/nodes/web1/facts"));
        assertTrue(texts(facts, "name").contains("kernel"), "facts of web1");
        JsonNode fact = ok(Pdb.http().get("/pdb/query/v4/facts/kernel"));
        assertEquals(4, fact.size(), "the kernel fact of each of the four active nodes: " + fact);
        JsonNode catalog = ok(Pdb.http().get("/pdb/query/v4/catalogs/lb1"));
        assertEquals("lb1", catalog.path("certname").asText());
        assertTrue(catalog.path("resources").path("data").size() > 0 && catalog.path("edges").path("data").size() > 0,
                "a catalog carries its resources and edges");
        JsonNode reports = ok(query("/pdb/query/v4/reports", "[\"=\",\"certname\",\"web1\"]"));
        for (JsonNode r : reports) {
            for (String time : List.of("start_time", "end_time", "producer_timestamp", "receive_time")) {
                assertTrue(Normaliser.TIMESTAMP.matcher(r.path(time).asText()).matches(),
                        time + " must be YYYY-MM-DDTHH:MM:SS.sssZ for pypuppetdb: " + r.path(time));
            }
        }
        JsonNode events = ok(query("/pdb/query/v4/events", "[\"=\",\"status\",\"skipped\"]"));
        assertTrue(events.size() > 0, "a skipped resource is an event with status skipped");
        JsonNode counts = ok(Pdb.http().get("/pdb/query/v4/event-counts?summarize_by=certname&query="
                + enc("[\"=\",\"latest_report?\",true]")));
        JsonNode web2 = null;
        for (JsonNode c : counts) {
            if (c.path("subject").path("title").asText().equals("web2")) {
                web2 = c;
            }
        }
        assertTrue(web2 != null && web2.path("noops").asInt() == 3, "web2's latest run was in noop: " + counts);
        JsonNode environments = ok(Pdb.http().get("/pdb/query/v4/environments"));
        assertEquals(List.of("production", "staging"), new ArrayList<>(new TreeSet<>(texts(environments, "name"))));
    }

    @Test
    void extractWithGroupByCountsPerValue() {
        JsonNode grouped = ok(query("/pdb/query/v4/nodes",
                "[\"extract\",[[\"function\",\"count\"],\"facts_environment\"],[\"=\",\"node_state\",\"active\"],"
                        + "[\"group_by\",\"facts_environment\"]]"));
        int total = 0;
        for (JsonNode g : grouped) {
            total += g.path("count").asInt();
        }
        assertEquals(4, total, "four active nodes: " + grouped);
        JsonNode pql = ok(query("/pdb/query/v4", "events[status, count()] { group by status }"));
        assertTrue(texts(pql, "status").contains("failure"), "PQL group by: " + pql);
    }

    @Test
    void pagingOrdersLimitsAndCountsWithXRecords() {
        PdbHttp.Exchange page = Pdb.http().get("/pdb/query/v4/nodes?order_by="
                + enc("[{\"field\":\"certname\",\"order\":\"desc\"}]") + "&limit=2&offset=1&include_total=true");
        assertEquals(List.of("lb1", "dup1"), texts(ok(page), "certname"), "desc, skipping web1, two rows");
        assertEquals("4", page.xRecords().orElse(null), "X-Records counts all four active nodes");
    }

    @Test
    void badQueriesAre400WithAMessageNever500() {
        List<String> bad = List.of("[\"=\",\"nosuchfield\",\"x\"]", "[\"~\",\"certname\",\"[\"]", "not json [",
                "[\"and\"]", "[\">\",\"certname\",3]", "nodes { certname = }", "[\"frobnicate\",\"certname\",1]");
        for (String q : bad) {
            PdbHttp.Exchange e = query("/pdb/query/v4/nodes", q);
            assertEquals(400, e.status(), q + " must be refused: " + e.body());
            assertFalse(e.body().isBlank() || e.body().contains("\tat "), q + " must say why, without a trace");
        }
        PdbHttp.Exchange param = Pdb.http().get("/pdb/query/v4/nodes?frobnicate=1");
        assertEquals(400, param.status(), "an unknown parameter: " + param.body());
    }

    @Test
    void anUnknownNodeIs404Json() {
        for (String path : List.of("/pdb/query/v4/nodes/nosuch", "/pdb/query/v4/nodes/nosuch/facts",
                "/pdb/query/v4/catalogs/nosuch")) {
            PdbHttp.Exchange e = Pdb.http().get(path);
            assertEquals(404, e.status(), path);
            assertTrue(e.isJson() && e.body().contains("nosuch"), path + " answers JSON naming the node: " + e.body());
        }
    }
}
