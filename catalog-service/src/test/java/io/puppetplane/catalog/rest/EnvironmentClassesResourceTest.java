package io.puppetplane.catalog.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.puppetplane.catalog.AgentHttp;
import io.puppetplane.catalog.CatalogTestResource;
import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(PostgresAndKafkaTestResource.class)
@QuarkusTestResource(CatalogTestResource.class)
class EnvironmentClassesResourceTest {

    private static final AgentHttp OPERATOR = AgentHttp.as("operator.example.com",
        Map.of(EnvironmentClassesResource.PP_CLI_AUTH, "true"));

    @Test
    void listsTheClassesOfEachFileWithDeployedPathsAndTheCodeIdAsEtag() throws Exception {
        HttpResponse<String> response = OPERATOR.get("/puppet/v3/environment_classes?environment=production");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = AgentHttp.json(response);
        assertEquals("production", body.path("name").asText(), response.body());
        boolean demo = false;
        for (JsonNode file : body.path("files")) {
            assertFalse(file.path("path").asText().contains("snapshots"), "deployed paths, not private copies: " + file);
            for (JsonNode c : file.path("classes")) {
                demo |= c.path("name").asText().equals("demo");
            }
        }
        assertTrue(demo, "the demo module's class is listed: " + response.body());
        String etag = response.headers().firstValue("ETag").orElse("");
        assertFalse(etag.isEmpty(), "the listing carries an ETag");

        HttpResponse<String> again = OPERATOR.get("/puppet/v3/environment_classes?environment=production",
            "If-None-Match", etag);
        assertEquals(304, again.statusCode(), "unchanged code is not listed again");
    }

    @Test
    void refusesAgentsAndAsksForTheEnvironment() {
        HttpResponse<String> agent = AgentHttp.as("node9.example.com", Map.of())
            .get("/puppet/v3/environment_classes?environment=production");
        assertEquals(403, agent.statusCode(), "agents may not list classes, as with puppetserver: " + agent.body());

        HttpResponse<String> missing = OPERATOR.get("/puppet/v3/environment_classes");
        assertEquals(400, missing.statusCode(), missing.body());
        assertTrue(missing.body().contains("environment"), missing.body());

        HttpResponse<String> unknown = OPERATOR.get("/puppet/v3/environment_classes?environment=nosuch");
        assertEquals(404, unknown.statusCode(), unknown.body());
    }
}
