package io.puppetplane.catalog.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.puppetplane.catalog.AgentHttp;
import io.puppetplane.catalog.CatalogTestResource;
import io.puppetplane.catalog.KafkaRecords;
import io.puppetplane.events.CloudEventCodec;
import io.puppetplane.events.Topics;
import io.puppetplane.events.payload.NodeClassified;
import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(PostgresAndKafkaTestResource.class)
@QuarkusTestResource(CatalogTestResource.class)
class ClusterFeedTest {

    private final CloudEventCodec enrollment = new CloudEventCodec("enrollment-service", Clock.systemUTC());

    @Test
    void classificationAddsTheRoleAndClassesAndATombstoneRemovesThem() throws Exception {
        String certname = "classified.example.com";
        NodeClassified classified = new NodeClassified(certname, "cc", Map.of("demo", Map.of()), null, List.of());
        KafkaRecords.send(Topics.CLASSIFICATION, certname, enrollment.encode(classified, certname).cloudEventJson());
        AgentHttp agent = AgentHttp.as(certname, Map.of());

        JsonNode catalog = awaitCatalog(agent, certname, true);
        assertTrue(catalog.path("classes").toString().contains("demo"), catalog.path("classes").toString());
        boolean roleNotice = false;
        for (JsonNode r : catalog.path("resources")) {
            roleNotice |= r.path("title").asText().equals("role")
                && r.path("parameters").path("message").asText().equals("role is cc");
        }
        assertTrue(roleNotice, "a node without a role fact gets the operator's role as its role fact");

        KafkaRecords.send(Topics.CLASSIFICATION, certname, null);
        JsonNode after = awaitCatalog(agent, certname, false);
        assertTrue(!after.toString().contains("role is cc"), "the tombstone removed the classification");
    }

    @Test
    void classificationWithAnotherEnvironmentAnswersAnEmptyCatalogInThatEnvironment() throws Exception {
        String certname = "moved.example.com";
        NodeClassified classified = new NodeClassified(certname, null, Map.of(), "keys", List.of());
        KafkaRecords.send(Topics.CLASSIFICATION, certname, enrollment.encode(classified, certname).cloudEventJson());
        AgentHttp agent = AgentHttp.as(certname, Map.of());
        long deadline = System.currentTimeMillis() + 20_000;
        JsonNode catalog;
        do {
            catalog = AgentHttp.json(agent.catalog(certname, "production", Map.of()));
            Thread.sleep(200);
        } while (!catalog.path("environment").asText().equals("keys") && System.currentTimeMillis() < deadline);
        assertEquals("keys", catalog.path("environment").asText(), "the agent is told to switch environments");
        assertEquals(0, catalog.path("resources").size());
    }

    /** Compiles until the classification did (or no longer did) arrive; the feed applies it asynchronously. */
    private static JsonNode awaitCatalog(AgentHttp agent, String certname, boolean classified) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        JsonNode catalog;
        do {
            catalog = AgentHttp.json(agent.catalog(certname, "production", Map.of("demo_dir", "/srv/c")));
            if (catalog.toString().contains("role is cc") == classified) {
                return catalog;
            }
            Thread.sleep(200);
        } while (System.currentTimeMillis() < deadline);
        return catalog;
    }
}
