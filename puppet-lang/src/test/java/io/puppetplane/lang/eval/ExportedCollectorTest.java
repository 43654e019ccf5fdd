package io.puppetplane.lang.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puppetplane.lang.CompileError;
import io.puppetplane.lang.CompileRequest;
import io.puppetplane.lang.EnvironmentCompiler;
import io.puppetplane.lang.PuppetDb;
import io.puppetplane.lang.catalog.Catalog;
import io.puppetplane.lang.catalog.CatalogResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exported collectors with storeconfigs, against a PuppetDB that answers from a list (the wire and its rules are
 * the inventory service's, tested there and end to end): what is asked, what is declared, and what is refused.
 */
class ExportedCollectorTest {

    @TempDir
    Path codedir;

    /** Answers every resources query with the same rows and records the queries. */
    private static final class RecordingPuppetDb implements PuppetDb {
        final List<List<Object>> queries = new ArrayList<>();
        final List<ExportedResource> rows;

        RecordingPuppetDb(List<ExportedResource> rows) {
            this.rows = rows;
        }

        @Override
        public List<ExportedResource> exportedResources(List<Object> query) {
            queries.add(query);
            return rows;
        }

        @Override
        public Object query(Object query) {
            return List.of(Map.of("certname", "web1.example.com", "count", 3));
        }
    }

    private Catalog compile(String site, PuppetDb puppetDb) throws IOException {
        Path env = codedir.resolve("environments/production");
        Files.createDirectories(env.resolve("manifests"));
        Files.writeString(env.resolve("manifests/site.pp"), site);
        EnvironmentCompiler.Options options = EnvironmentCompiler.Options.defaults();
        return new EnvironmentCompiler(env, puppetDb == null ? options : options.withPuppetDb(puppetDb))
            .compile(CompileRequest.of("lb1.example.com", Map.of()));
    }

    private static CatalogResource resource(Catalog c, String ref) {
        return c.resources().stream().filter(r -> r.ref().equals(ref)).findFirst()
            .orElseThrow(() -> new AssertionError(ref + " not in the catalog: " + c.resources()));
    }

    @Test
    void collectsOtherNodesExportsWithTheQueryPuppetsTerminusSends() throws IOException {
        RecordingPuppetDb pdb = new RecordingPuppetDb(List.of(new PuppetDb.ExportedResource("web1.example.com",
            "User", "deploy", Map.of("uid", 2001, "tag", List.of("web")))));
        Catalog c = compile("""
            class lb {
              User <<| tag == 'Web' and uid != 0 |>> { comment => 'collected' }
            }
            include lb
            """, pdb);

        assertEquals(List.of(List.of("and", List.of("=", "type", "User"), List.of("=", "exported", true),
            List.of("not", List.of("=", "certname", "lb1.example.com")),
            List.of("and", List.of("=", "tag", "web"), List.of("not", List.of("=", List.of("parameter", "uid"),
                0L))))), pdb.queries, "type, exported, never this node's own, then the filter, asked once");
        CatalogResource host = resource(c, "User[deploy]");
        assertEquals(2001L, host.parameters().get("uid"), "the exporter's parameters, as Puppet data");
        assertEquals("collected", host.parameters().get("comment"), "the collector's override applies");
        assertNull(host.file(), "a collected resource has no source location here");
        assertFalse(host.exported(), "it is an ordinary resource in the collecting catalog");
        assertTrue(host.tags().containsAll(List.of("user", "web", "lb")), "tags of its type, its tag and its scope: "
            + host.tags());
        assertEquals(List.of("Class[Lb]"), host.containers().stream().map(CatalogResource::ref).toList(),
            "contained by the collecting class");
    }

    @Test
    void collectsThisNodesOwnExportsFromItsCatalogNotFromPuppetDb() throws IOException {
        RecordingPuppetDb pdb = new RecordingPuppetDb(List.of());
        Catalog c = compile("@@user { 'self': uid => 1 }\nUser <<| |>>\n", pdb);
        assertTrue(resource(c, "User[self]").exported(), "its own export is collected, still marked exported");
        assertEquals(1, pdb.queries.size(), "PuppetDB is asked for others' only");
    }

    @Test
    void aCollectedDefinedTypeIsEvaluatedHere() throws IOException {
        RecordingPuppetDb pdb = new RecordingPuppetDb(List.of(new PuppetDb.ExportedResource("web2.example.com",
            "Backend::Member", "web2", Map.of("address", "10.0.0.12"))));
        Catalog c = compile("""
            define backend::member (String $address) {
              file { "/etc/lb/${title}.cfg": content => "server ${address}\\n" }
            }
            Backend::Member <<| |>>
            """, pdb);
        assertEquals("server 10.0.0.12\n", resource(c, "File[/etc/lb/web2.cfg]").parameters().get("content"),
            "the define's body ran with the exported parameters");
    }

    @Test
    void twoNodesExportingOneResourceFailTheCollectingCompile() {
        RecordingPuppetDb pdb = new RecordingPuppetDb(List.of(
            new PuppetDb.ExportedResource("web1.example.com", "User", "shared", Map.of()),
            new PuppetDb.ExportedResource("web2.example.com", "User", "shared", Map.of())));
        CompileError e = assertThrows(CompileError.class, () -> compile("User <<| |>>\n", pdb));
        assertEquals("A duplicate resource was found while collecting exported resources, with the type and title "
            + "User[shared]", e.getMessage(), "worded as Ruby Puppet words it");
        assertEquals(1, e.line(), "at the collector");
    }

    @Test
    void withoutStoreconfigsNothingIsCollectedNotEvenTheNodesOwn() throws IOException {
        Catalog c = compile("@@user { 'self': uid => 1 }\nUser <<| |>>\n", null);
        assertTrue(c.resources().stream().noneMatch(r -> r.type().equals("User")), "as Ruby Puppet without PuppetDB");
    }

    @Test
    void puppetdbQueryAnswersWithPuppetDbsData() throws IOException {
        Catalog c = compile("notify { 'n': message => puppetdb_query('nodes[certname] {}')[0]['count'] + 1 }\n",
            new RecordingPuppetDb(List.of()));
        assertEquals(4L, resource(c, "Notify[n]").parameters().get("message"), "numbers are Puppet integers");
        assertThrows(CompileError.class, () -> compile("notify { 'n': message => puppetdb_query('x') }\n", null),
            "without storeconfigs the terminus' function does not exist");
    }
}
