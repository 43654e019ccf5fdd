package io.puppetplane.catalog.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.puppetplane.catalog.AgentHttp;
import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(InventoryPuppetDbTest.Storeconfigs.class)
class InventoryPuppetDbTest {

    /** Its own Quarkus start: the catalog test resource with a PuppetDB peer, so storeconfigs is on. */
    public static class Storeconfigs implements QuarkusTestProfile {
        @Override
        public java.util.List<TestResourceEntry> testResources() {
            return java.util.List.of(new TestResourceEntry(PostgresAndKafkaTestResource.class),
                new TestResourceEntry(PuppetDbPeer.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @BeforeEach
    void reset() {
        PuppetDbPeer.QUERIES.clear();
        PuppetDbPeer.rows = "[]";
    }

    @Test
    void collectsWhatOtherNodesExportedFromPuppetDbWithTheServersCertificate() {
        PuppetDbPeer.rows = "[{\"certname\":\"web1.example.com\",\"type\":\"Notify\",\"title\":\"peer web1\","
            + "\"exported\":true,\"tags\":[\"exported_peer\",\"notify\"],\"parameters\":{\"message\":\"10.0.0.1\"}}]";
        HttpResponse<String> response = AgentHttp.as("collector.example.com", Map.of())
            .catalog("collector.example.com", "production", Map.of("demo_dir", "/srv/collector",
                "collect_peers", true));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode collected = resource(AgentHttp.json(response), "Notify", "peer web1");
        assertTrue(collected != null, "the other node's export is in the collecting catalog: " + response.body());
        assertEquals("10.0.0.1", collected.path("parameters").path("message").asText());
        assertTrue(resource(AgentHttp.json(response), "Notify", "peer collector.example.com") != null,
            "the node's own export is collected from its own catalog, as Puppet collects it");

        assertEquals(1, PuppetDbPeer.QUERIES.size(), "one query for the one exported collector: "
            + PuppetDbPeer.QUERIES);
        PuppetDbPeer.Query query = PuppetDbPeer.QUERIES.get(0);
        assertTrue(query.clientCertname().contains("CN=localhost"), "the server presents its own certificate: "
            + query);
        assertTrue(query.query().contains("[\"=\",\"exported\",true]") && query.query().contains("\"Notify\"")
            && query.query().contains("\"exported_peer\"") && query.query().contains("collector.example.com"),
            "the query asks for exported Notify resources tagged exported_peer of other nodes: " + query.query());
        assertTrue(message(AgentHttp.json(response), "settings").endsWith("storeconfigs true"),
            "code sees storeconfigs on");
    }

    @Test
    void aCompileThatCollectsNothingNeverAsksPuppetDb() {
        HttpResponse<String> response = AgentHttp.as("plain.example.com", Map.of())
            .catalog("plain.example.com", "production", Map.of("demo_dir", "/srv/plain"));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(0, PuppetDbPeer.QUERIES.size(), "no collector, no query: " + PuppetDbPeer.QUERIES);
    }

    @Test
    void aPuppetDbThatCannotAnswerFailsTheCollectingCompileWithTheReason() {
        PuppetDbPeer.rows = null;
        HttpResponse<String> response = AgentHttp.as("unlucky.example.com", Map.of())
            .catalog("unlucky.example.com", "production", Map.of("demo_dir", "/srv/unlucky", "collect_peers", true));
        assertEquals(422, response.statusCode(), "a compile error, never a 500 or an empty collection: "
            + response.body());
        String message = AgentHttp.json(response).path("message").asText();
        assertTrue(message.contains("PuppetDB") && message.contains("503") && message.contains("site.pp:"),
            "the error names PuppetDB's answer and where the collector is: " + message);
    }

    private static JsonNode resource(JsonNode catalog, String type, String title) {
        for (JsonNode r : catalog.path("resources")) {
            if (r.path("type").asText().equals(type) && r.path("title").asText().equals(title)) {
                return r;
            }
        }
        return null;
    }

    private static String message(JsonNode catalog, String title) {
        JsonNode r = resource(catalog, "Notify", title);
        return r == null ? "" : r.path("parameters").path("message").asText();
    }
}
