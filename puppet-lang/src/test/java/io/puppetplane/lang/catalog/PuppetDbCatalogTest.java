package io.puppetplane.lang.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.puppetplane.lang.CompileRequest;
import io.puppetplane.lang.EnvironmentCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A compiled catalog in PuppetDB's replace catalog v9 wire format, as Puppet Server's terminus makes it. */
class PuppetDbCatalogTest {

    @TempDir
    Path codedir;

    private Catalog compile(String site) throws IOException {
        Path env = codedir.resolve("environments/production");
        Files.createDirectories(env.resolve("manifests"));
        Files.writeString(env.resolve("manifests/site.pp"), site);
        return new EnvironmentCompiler(env, EnvironmentCompiler.Options.defaults())
            .compile(CompileRequest.of("web1.example.com", Map.of()));
    }

    private static JsonNode resource(ObjectNode wire, String type, String title) {
        for (JsonNode r : wire.path("resources")) {
            if (r.path("type").asText().equals(type) && r.path("title").asText().equals(title)) {
                return r;
            }
        }
        throw new AssertionError(type + "[" + title + "] not stored: " + wire.path("resources"));
    }

    private static List<String> edges(ObjectNode wire) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : wire.path("edges")) {
            out.add(e.path("source").path("type").asText() + "[" + e.path("source").path("title").asText() + "] "
                + e.path("relationship").asText() + " " + e.path("target").path("type").asText() + "["
                + e.path("target").path("title").asText() + "]");
        }
        return out;
    }

    @Test
    void storesExportedResourcesTheAgentNeverGetsAndTheRequestsIdentity() throws IOException {
        Catalog c = compile("@@file { '/etc/ssh/known_hosts.d/web1': content => 'key' }\nnotify { 'hi': }\n");
        ObjectNode wire = PuppetDbCatalog.of(c, "tx-1", null, Instant.parse("2026-12-07T10:00:00.123456Z"),
            "server.example.com");

        assertTrue(resource(wire, "File", "/etc/ssh/known_hosts.d/web1").path("exported").asBoolean(),
            "the export is stored, marked exported");
        assertTrue(c.resources().stream().noneMatch(r -> r.type().equals("File")), "the agent's copy has no export");
        assertEquals("web1.example.com", wire.path("certname").asText(), "name becomes certname");
        assertEquals("tx-1", wire.path("transaction_uuid").asText());
        assertEquals("2026-12-07T10:00:00.123Z", wire.path("producer_timestamp").asText(), "UTC with milliseconds");
        assertEquals("server.example.com", wire.path("producer").asText());
        assertTrue(wire.path("version").isTextual(), "the version is a string");
        assertFalse(wire.has("classes") || wire.has("tags") || wire.has("catalog_format"), "only v9's keys: " + wire);
        assertTrue(resource(wire, "Class", "Settings").path("parameters").isObject(), "every resource has parameters");
    }

    @Test
    void relationshipsBecomeEdgesThroughAliasesAndUnorderedMetaparametersAreSorted() throws IOException {
        Catalog c = compile("""
            file { 'sshd_config': path => '/etc/ssh/sshd_config', content => 'x' }
            package { 'openssh-server': }
            service { 'ssh':
              require   => [Package['openssh-server'], File['/etc/ssh/sshd_config']],
              subscribe => File['/etc/ssh/sshd_config/'],
              tag       => ['zeta', 'alpha'],
            }
            notify { 'done': message => Sensitive('secret'), before => Service['ssh'] }
            """);
        ObjectNode wire = PuppetDbCatalog.of(c, "tx-2", null, Instant.now(), "server.example.com");

        assertEquals("[\"/etc/ssh/sshd_config\"]", resource(wire, "File", "sshd_config").path("parameters")
            .path("alias").toString(), "a namevar that is not the title is stored as an alias");
        assertEquals("[\"File[/etc/ssh/sshd_config]\",\"Package[openssh-server]\"]",
            resource(wire, "Service", "ssh").path("parameters").path("require").toString(), "sorted by text");
        assertEquals("[\"alpha\",\"zeta\"]", resource(wire, "Service", "ssh").path("parameters").path("tag").toString());
        assertFalse(resource(wire, "Notify", "done").path("parameters").has("message"), "sensitive values are not stored");
        List<String> edges = edges(wire);
        assertTrue(edges.contains("Class[main] contains Service[ssh]"), "containment: " + edges);
        assertTrue(edges.contains("Package[openssh-server] required-by Service[ssh]"), "require reversed: " + edges);
        assertTrue(edges.contains("File[sshd_config] required-by Service[ssh]"), "found by its alias: " + edges);
        assertTrue(edges.contains("File[sshd_config] subscription-of Service[ssh]"),
            "a trailing slash dropped, then the alias: " + edges);
        assertTrue(edges.contains("Notify[done] before Service[ssh]"), "before forward: " + edges);
        assertEquals(edges.size(), edges.stream().distinct().count(), "each edge once");
    }

    @Test
    void aRelationshipToAnExportNotCollectedHereIsRefusedAsTheTerminusRefusesIt() throws IOException {
        Catalog c = compile("@@notify { 'exported': }\nnotify { 'local': before => Notify['exported'] }\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> PuppetDbCatalog.of(c, "tx-3", null, Instant.now(), "server.example.com"));
        assertEquals("Invalid relationship: Notify[local] { before => Notify[exported] }, because Notify[exported] is "
            + "exported but not collected", e.getMessage());
    }
}
