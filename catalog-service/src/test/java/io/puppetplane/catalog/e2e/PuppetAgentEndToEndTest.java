package io.puppetplane.catalog.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.puppetplane.catalog.AgentHttp;
import io.puppetplane.catalog.CatalogTestResource;
import io.puppetplane.catalog.KafkaRecords;
import io.puppetplane.events.Topics;
import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Debian's real puppet-agent 7.23 against catalog-service alone (SSL files made in the test, so no CA service):
 * pluginsync, catalog, static file content, report; the report must reach Kafka.
 */
@QuarkusTest
@QuarkusTestResource(PostgresAndKafkaTestResource.class)
@QuarkusTestResource(CatalogTestResource.class)
class PuppetAgentEndToEndTest {

    @Test
    void agentSyncsPluginsAndAppliesFilesFromAStaticCatalogForReal() throws Exception {
        Path work = Files.createTempDirectory("agent-demo");
        Path target = work.resolve("managed");
        PuppetAgentRun.Result run = PuppetAgentRun.run(work, "demo-agent.example.com", port(), "production", false,
            AgentHttp.ca(), crl(), Map.of("FACTER_demo_dir", target.toString()));

        assertTrue(run.exitCode() == 0 || run.exitCode() == 2, "the run succeeds:\n" + run.output());
        assertEquals("hello from the demo module\n", Files.readString(target.resolve("demo.txt")),
            "the file applied with content from the static catalog");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("demo.txt"))));
        assertEquals("computed by the agent", Files.readString(target.resolve("deferred.txt")),
            "a Deferred value reaches the agent as rich data and is called there");
        assertEquals("DEMO is managed by demo-agent.example.com\n", Files.readString(target.resolve("banner.txt")),
            "catalog-service ran the module's Ruby function (JRuby) with the node's trusted facts");
        assertTrue(Files.readString(run.vardir().resolve("lib/facter/demo_plugin.rb")).contains("synced from demo"),
            "pluginsync brought lib/ with the first module winning a shared path");
        assertTrue(Files.exists(run.vardir().resolve("lib/facter/other_plugin.rb")), "every module's lib/ is synced");
        assertTrue(Files.isExecutable(run.vardir().resolve("facts.d/demo_external.sh")),
            "pluginfacts keep their real mode");
        assertTrue(!run.output().contains("file_metadata/modules"), "static catalogs skip file_metadata calls");
        JsonNode report = report("demo-agent.example.com");
        assertEquals("changed", report.path("data").path("status").asText(), report.toString());
    }

    @Test
    void ncAndCcNodesOfTheExampleSiteGetTheirRoleFromPluginsyncedFactAndReport() throws Exception {
        for (String role : List.of("nc", "cc")) {
            String certname = role + "-1.example.com";
            Path work = Files.createTempDirectory("agent-" + role);
            Path roleFile = Files.writeString(work.resolve("role"), role + "\n");
            PuppetAgentRun.Result run = PuppetAgentRun.run(work, certname, port(), "eucalyptus", true, AgentHttp.ca(),
                crl(), Map.of("PUPPETPLANE_ROLE_FILE", roleFile.toString()));

            assertTrue(Files.exists(run.vardir().resolve("lib/facter/role.rb")), "pluginsync brought the role fact");
            assertTrue(run.output().contains("my role is " + role), run.output());
            JsonNode report = report(certname).path("data");
            JsonNode statuses = report.path("report").path("resource_statuses");
            assertTrue(statuses.has("Package[eucalyptus-" + role + "]"),
                "the role fact chose the " + role + " classes: " + statuses.toString().substring(0, 300));
            // keys live on fileserve-service, which this test does not run: only those resources may fail
            for (var status : (Iterable<Map.Entry<String, JsonNode>>) statuses::fields) {
                if (status.getValue().path("failed").asBoolean()) {
                    assertTrue(status.getKey().startsWith("File[/var/lib/eucalyptus/keys/"),
                        "unexpected failure " + status.getKey() + ":\n" + run.output());
                }
            }
            assertTrue(report.path("report").path("noop").asBoolean(), "packages and services only in noop");
        }
    }

    private static JsonNode report(String certname) throws Exception {
        ConsumerRecord<String, String> record = KafkaRecords.await(Topics.REPORTS, r -> certname.equals(r.key()),
            Duration.ofSeconds(30)).orElseThrow(() -> new AssertionError("no report of " + certname + " on Kafka"));
        return AgentHttp.JSON.readTree(record.value());
    }

    private static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.http.test-ssl-port", Integer.class);
    }

    private static Path crl() {
        return AgentHttp.pkiDir().resolve("crl.pem");
    }
}
