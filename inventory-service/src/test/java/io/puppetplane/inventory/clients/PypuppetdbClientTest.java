package io.puppetplane.inventory.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.puppetplane.inventory.testing.InventoryTestResource;
import io.puppetplane.inventory.testing.Json;
import io.puppetplane.inventory.testing.Pdb;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A real client: Debian's python3-pypuppetdb 2.2 (Puppetboard's library) asks the service what dashboards and fleet
 * scripts ask, over the replayed command corpus, and every method answers with the corpus' data.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresAndKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
@QuarkusTestResource(InventoryTestResource.class)
class PypuppetdbClientTest {

    private static final Path PYPUPPETDB = Path.of("/usr/lib/python3/dist-packages/pypuppetdb");

    @Test
    void pypuppetdbReadsNodesFactsResourcesReportsCatalogsInventoryAndMetrics() throws Exception {
        assumeTrue(Files.isDirectory(PYPUPPETDB), "Debian's python3-pypuppetdb is not installed (apt-get install "
                + "python3-pypuppetdb): the real-client test is skipped");
        Pdb.replayCorpusOnce();
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        Process python = new ProcessBuilder("/usr/bin/python3", "src/test/python/pypuppetdb_client.py", "127.0.0.1",
                String.valueOf(port), "lb1").redirectErrorStream(false).start();
        byte[] stdout = python.getInputStream().readAllBytes();
        String stderr = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(60, TimeUnit.SECONDS), "pypuppetdb finishes");
        assertEquals(0, python.exitValue(), "every pypuppetdb call answers without an error: " + stderr);
        JsonNode out = Json.parse(new String(stdout, StandardCharsets.UTF_8));

        assertEquals("7.12.1", out.path("version").asText(), "the version pypuppetdb checks: " + out);
        List<String> names = new ArrayList<>();
        for (JsonNode n : out.path("nodes")) {
            names.add(n.path("name").asText());
            assertTrue(List.of("changed", "unchanged", "failed", "noop", "unreported")
                    .contains(n.path("status").asText()), "a status Puppetboard knows: " + n);
        }
        assertTrue(names.containsAll(List.of("web1", "db1", "lb1")), "the active nodes with status: " + names);
        assertFalse(names.contains("web2"), "a deactivated node is not listed: " + names);
        assertEquals("lb1", out.path("node").path("name").asText());
        assertTrue(out.path("node_facts").toString().contains("\"kernel\""), "a node's facts: " + out.path("node_facts"));
        assertTrue(out.path("fact_names").size() > 10, "fact names: " + out.path("fact_names"));
        assertTrue(out.path("exported").size() > 0, "exported resources: " + out.path("exported"));
        for (JsonNode r : out.path("exported")) {
            assertTrue(r.path("exported").asBoolean(), "only exported resources answer the query: " + r);
        }
        assertTrue(out.path("reports").size() > 0, "lb1's reports: " + out.path("reports"));
        assertTrue(out.path("catalog").path("resources").asInt() > 0 && out.path("catalog").path("edges").asInt() > 0,
                "lb1's catalog with resources and edges: " + out.path("catalog"));
        assertTrue(out.path("inventory").size() >= 3, "inventory of the active nodes: " + out.path("inventory"));
        assertEquals(names.size(), out.path("num_nodes").path("Value").asInt(-1),
                "the population metric Puppetboard shows counts the active nodes: " + out.path("num_nodes"));
    }
}
