package io.puppetplane.catalog.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.HashMap;
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
class FileServingResourceTest {

    private static final String RECURSE = "?recurse=true&max_files=-1&ignore=.svn&ignore=CVS&ignore=.git&ignore=.hg"
        + "&links=follow&checksum_type=sha256&environment=production";

    private final AgentHttp agent = AgentHttp.as("files.example.com", Map.of());

    @Test
    void pluginsAreTheUnionOfModulesLibWithTheFirstModuleWinning() {
        HttpResponse<String> response = agent.get("/puppet/v3/file_metadatas/plugins" + RECURSE
            + "&source_permissions=ignore");
        assertEquals(200, response.statusCode(), response.body());
        Map<String, JsonNode> entries = byRelativePath(AgentHttp.json(response));
        assertEquals("directory", entries.get(".").path("type").asText());
        assertTrue(entries.get(".").path("path").asText().endsWith("/modules/demo/lib"), entries.toString());
        assertTrue(entries.containsKey("facter/other_plugin.rb"), entries.keySet().toString());
        String served = new String(agent.getBytes("/puppet/v3/file_content/plugins/facter/demo_plugin.rb"
            + "?environment=production").body());
        assertTrue(served.contains("synced from demo"), "the demo module comes first: " + served);
    }

    @Test
    void pluginfactsReportRealModes() {
        HttpResponse<String> response = agent.get("/puppet/v3/file_metadatas/pluginfacts" + RECURSE
            + "&source_permissions=use");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(0755, byRelativePath(AgentHttp.json(response)).get("demo_external.sh").path("mode").asInt(),
            "an executable external fact must stay executable");
    }

    @Test
    void pluginsAnswerARootDirectoryEvenWhenNoModuleHasLib() {
        HttpResponse<String> response = agent.get("/puppet/v3/file_metadatas/plugins?recurse=false&links=manage"
            + "&checksum_type=sha256&source_permissions=ignore&environment=broken");
        assertEquals(200, response.statusCode(), "never 404 for a valid environment: " + response.body());
        JsonNode root = AgentHttp.json(response).get(0);
        assertEquals("directory", root.path("type").asText());
        assertTrue(root.path("path").asText().startsWith("/"), "paths are absolute");
    }

    @Test
    void metadataChecksumMatchesTheServedContent() throws Exception {
        HttpResponse<String> metadata = agent.get("/puppet/v3/file_metadata/modules/demo/demo.txt?links=manage"
            + "&checksum_type=md5&source_permissions=ignore&environment=production");
        assertEquals(200, metadata.statusCode(), metadata.body());
        byte[] content = agent.getBytes("/puppet/v3/file_content/modules/demo/demo.txt?environment=production").body();
        String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(content));
        assertEquals("{md5}" + md5, AgentHttp.json(metadata).path("checksum").path("value").asText());
        assertEquals(0, AgentHttp.json(metadata).path("relative_path").size(), "relative_path is null");
    }

    @Test
    void missingFilesAndEscapesAreClearErrors() {
        HttpResponse<String> missing = agent.get("/puppet/v3/file_metadata/modules/demo/nope.txt?environment=production");
        assertEquals(404, missing.statusCode());
        assertEquals("Not Found: Could not find file_metadata modules/demo/nope.txt",
            AgentHttp.json(missing).path("message").asText());
        HttpResponse<String> escape = agent.get("/puppet/v3/file_content/modules/demo/..%2F..%2Fmanifests%2Finit.pp"
            + "?environment=production");
        assertTrue(escape.statusCode() == 400 || escape.statusCode() == 404, "no way out of the mount: "
            + escape.statusCode());
    }

    private static Map<String, JsonNode> byRelativePath(JsonNode list) {
        Map<String, JsonNode> out = new HashMap<>();
        list.forEach(e -> out.put(e.path("relative_path").asText(), e));
        return out;
    }
}
