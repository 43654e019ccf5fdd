package io.puppetplane.catalog.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.puppetplane.catalog.AgentHttp;
import io.puppetplane.catalog.CatalogTestResource;
import io.puppetplane.catalog.KafkaRecords;
import io.puppetplane.events.Topics;
import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.puppetplane.trust.testing.TestCertificateAuthority;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(PostgresAndKafkaTestResource.class)
@QuarkusTestResource(CatalogTestResource.class)
class AgentApiResourceTest {

    private static final String PP_ROLE = "1.3.6.1.4.1.34380.1.1.13";

    @Test
    void compilesTheCatalogFromDoublyEncodedFactsWithTrustedFactsFromTheCertificate() throws Exception {
        AgentHttp agent = AgentHttp.as("node1.example.com", Map.of(PP_ROLE, "webserver"));
        HttpResponse<String> response = agent.catalog("node1.example.com", "production",
            Map.of("role", "nc", "demo_dir", "/srv/demo out", "clientcert", "someone-else.example.com"));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
            "structured responses carry a Content-Type");
        JsonNode catalog = AgentHttp.json(response);
        assertEquals("production", catalog.path("environment").asText());
        assertEquals("node1.example.com", catalog.path("name").asText());
        assertEquals("certname node1.example.com role webserver", message(catalog, "identity"),
            "trusted facts come from the certificate, never from the facts");
        assertEquals("role is nc", message(catalog, "role"), "facts survive both decodings, spaces included");
        Path codedir = Path.of(ConfigProvider.getConfig().getValue("puppetplane.catalog.codedir", String.class));
        assertEquals("confdir /etc/puppetlabs/puppet codedir " + codedir + " storeconfigs false",
            message(catalog, "settings"), "code reads the server's settings as Puppet Server gives them");
        String codeId = catalog.path("code_id").asText();
        assertFalse(codeId.isEmpty() || codeId.equals("null"), "every catalog carries its code version");
        assertFalse(response.body().contains("snapshots"), "paths shown are the deployed code's, not private copies");
    }

    @Test
    void inlinesMetadataOfModuleFilesSoStaticContentIsFetchedByCodeId() throws Exception {
        AgentHttp agent = AgentHttp.as("static.example.com", Map.of());
        JsonNode catalog = AgentHttp.json(agent.catalog("static.example.com", "production",
            Map.of("demo_dir", "/srv/static")));

        JsonNode metadata = catalog.path("metadata").path("/srv/static/demo.txt");
        assertEquals("puppet:///modules/demo/files/demo.txt", metadata.path("content_uri").asText(), catalog.toString());
        assertEquals("puppet:///modules/demo/demo.txt", metadata.path("source").asText());
        Path codedir = Path.of(ConfigProvider.getConfig().getValue("puppetplane.catalog.codedir", String.class));
        byte[] expected = Files.readAllBytes(codedir.resolve("environments/production/modules/demo/files/demo.txt"));
        assertEquals("{sha256}" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected)),
            metadata.path("checksum").path("value").asText(), "the inlined checksum is the served file's");

        HttpResponse<byte[]> content = agent.getBytes("/puppet/v3/static_file_content/modules/demo/files/demo.txt"
            + "?environment=production&code_id=" + catalog.path("code_id").asText());
        assertEquals(200, content.statusCode());
        assertEquals(new String(expected), new String(content.body()), "content by code_id is the inlined version");

        HttpResponse<byte[]> manifest = agent.getBytes("/puppet/v3/static_file_content/manifests/site.pp"
            + "?environment=production&code_id=" + catalog.path("code_id").asText());
        assertEquals(404, manifest.statusCode(), "only module files are served, never manifests or data");
    }

    @Test
    void refusesACatalogForAnotherNode() {
        HttpResponse<String> response = AgentHttp.as("intruder.example.com", Map.of())
            .catalog("victim.example.com", "production", Map.of());
        assertEquals(403, response.statusCode(), response.body());
        assertTrue(AgentHttp.json(response).path("message").asText().contains("victim.example.com"),
            response.body());
    }

    @Test
    void refusesAgentRequestsWithoutAClientCertificate() {
        HttpResponse<String> response = AgentHttp.anonymous().get("/puppet/v3/node/anyone?environment=production");
        assertEquals(403, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    @Test
    void refusesARevokedCertificate() {
        TestCertificateAuthority ca = AgentHttp.ca();
        TestCertificateAuthority.IssuedCertificate revoked = TestCertificateAuthority.readIssued(AgentHttp.pkiDir(),
            "revoked-in-crl", ca.certificate());
        HttpResponse<String> response = AgentHttp.as(revoked).catalog(CatalogTestResource.REVOKED_IN_CRL, "production",
            Map.of());
        assertEquals(403, response.statusCode(), response.body());
        assertTrue(response.body().contains("revoked"), response.body());
    }

    @Test
    void answersAnUnknownEnvironmentAsPuppetserverDoes() {
        HttpResponse<String> response = AgentHttp.as("lost.example.com", Map.of())
            .catalog("lost.example.com", "nowhere", Map.of());
        assertEquals(404, response.statusCode(), response.body());
        JsonNode body = AgentHttp.json(response);
        assertEquals("Not Found: Could not find environment 'nowhere'", body.path("message").asText());
        assertEquals("RUNTIME_ERROR", body.path("issue_kind").asText());
    }

    @Test
    void explainsACompileErrorWithFileLineAndColumn() {
        HttpResponse<String> response = AgentHttp.as("broken.example.com", Map.of())
            .catalog("broken.example.com", "broken", Map.of());
        assertEquals(422, response.statusCode(), response.body());
        String message = AgentHttp.json(response).path("message").asText();
        Path codedir = Path.of(ConfigProvider.getConfig().getValue("puppetplane.catalog.codedir", String.class));
        assertTrue(message.contains(codedir.resolve("environments/broken/manifests/site.pp") + ":2:"),
            "the message points at the deployed file and line: " + message);
        assertFalse(message.contains("\tat "), "no stack trace: " + message);
    }

    @Test
    void routesSourcesOfFileserveMountsToFileserve() {
        JsonNode catalog = AgentHttp.json(AgentHttp.as("keys.example.com", Map.of())
            .catalog("keys.example.com", "keys", Map.of()));
        JsonNode file = null;
        for (JsonNode r : catalog.path("resources")) {
            if (r.path("type").asText().equals("File")) {
                file = r;
            }
        }
        assertEquals("puppet://localhost:8142/eucakeys/node-pk.pem", file.path("parameters").path("source").asText(),
            catalog.toString());
    }

    @Test
    void publishesTheFactsOfACatalogRequest() {
        AgentHttp.as("facts.example.com", Map.of()).catalog("facts.example.com", "production",
            Map.of("demo_dir", "/srv/facts", "kernel", "Linux"));
        var record = KafkaRecords.await(Topics.FACTS, r -> "facts.example.com".equals(r.key()), Duration.ofSeconds(20));
        assertTrue(record.isPresent(), "a FactsReceived event keyed by certname reaches Kafka");
        assertTrue(record.get().value().contains("\"kernel\":\"Linux\""), record.get().value());
    }

    @Test
    void publishesEachCompiledCatalogAsPuppetDbStoresItWithItsExportedResources() throws Exception {
        HttpResponse<String> response = AgentHttp.as("exporter.example.com", Map.of())
            .catalog("exporter.example.com", "production", Map.of("demo_dir", "/srv/exporter"));
        assertEquals(200, response.statusCode(), response.body());
        assertFalse(response.body().contains("192.0.2.10"), "an exported resource is not in the agent's catalog");

        var record = KafkaRecords.await(Topics.CATALOGS, r -> "exporter.example.com".equals(r.key()),
            Duration.ofSeconds(20));
        assertTrue(record.isPresent(), "a CatalogCompiled event keyed by certname reaches Kafka");
        JsonNode event = new com.fasterxml.jackson.databind.ObjectMapper().readTree(record.get().value());
        assertEquals("io.puppetplane.catalog.catalog-compiled.v1", event.path("type").asText(), event.toString());
        JsonNode wire = event.path("data").path("catalog");
        assertEquals("exporter.example.com", wire.path("certname").asText(), wire.toString());
        assertEquals(AgentHttp.json(response).path("code_id").asText(), wire.path("code_id").asText(),
            "the stored catalog names the code it was compiled from");
        assertEquals("puppet", wire.path("producer").asText(), "the producer is the compiling server's certname");
        JsonNode peer = null;
        for (JsonNode resource : wire.path("resources")) {
            if (resource.path("title").asText().equals("peer exporter.example.com")) {
                peer = resource;
            }
        }
        assertTrue(peer != null && peer.path("exported").asBoolean(), "the exported resource is stored, marked "
            + "exported: " + wire);
        assertEquals("192.0.2.10", peer.path("parameters").path("message").asText());
        assertTrue(peer.path("tags").toString().contains("exported_peer"), peer.toString());
    }

    @Test
    void answersAReportWithAnEmptyJsonArrayAndPublishesIt() {
        String report = "{\"host\":\"reporter.example.com\",\"status\":\"changed\",\"environment\":\"production\","
            + "\"configuration_version\":1795463211,\"transaction_uuid\":\"t-1\",\"code_id\":\"c-1\",\"noop\":false,"
            + "\"time\":\"2026-11-24T10:00:00.123456789+00:00\",\"logs\":[]}";
        HttpResponse<String> response = AgentHttp.as("reporter.example.com", Map.of())
            .put("/puppet/v3/report/reporter.example.com?environment=production", report);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("[]", response.body(), "the agent parses this body");
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        var record = KafkaRecords.await(Topics.REPORTS, r -> "reporter.example.com".equals(r.key()),
            Duration.ofSeconds(20));
        assertTrue(record.isPresent(), "the report reaches Kafka");
        assertTrue(record.get().value().contains("\"status\":\"changed\""), record.get().value());
    }

    @Test
    void refusesAReportThatIsNotJson() {
        HttpResponse<String> response = AgentHttp.as("garbage.example.com", Map.of())
            .put("/puppet/v3/report/garbage.example.com?environment=production", "{not json");
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(AgentHttp.json(response).has("message"));
    }

    @Test
    void nodeNamesTheEnvironment() {
        HttpResponse<String> response = AgentHttp.as("node2.example.com", Map.of())
            .get("/puppet/v3/node/node2.example.com?environment=production&configured_environment=production");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("production", AgentHttp.json(response).path("environment").asText());
    }

    @Test
    void statusIsRunningWithoutACertificate() {
        for (String path : new String[] {"/status/v1/simple", "/status/v1/simple/server"}) {
            HttpResponse<String> response = AgentHttp.anonymous().get(path);
            assertEquals(200, response.statusCode(), path);
            assertEquals("running", response.body(), path);
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), path);
        }
    }

    static String message(JsonNode catalog, String notifyTitle) {
        for (JsonNode r : catalog.path("resources")) {
            if (r.path("type").asText().equals("Notify") && r.path("title").asText().equals(notifyTitle)) {
                return r.path("parameters").path("message").asText();
            }
        }
        throw new AssertionError("no Notify[" + notifyTitle + "] in " + catalog);
    }
}
