package io.puppetplane.inventory.clients;

import static io.puppetplane.inventory.testing.Json.ok;
import static io.puppetplane.inventory.testing.Pdb.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import io.agroal.api.AgroalDataSource;
import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.puppetplane.inventory.ingest.repository.NameIds;
import io.puppetplane.inventory.testing.InventoryTestResource;
import io.puppetplane.inventory.testing.Pdb;
import io.puppetplane.trust.testing.TestCertificateAuthority;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The real terminus: Debian's Ruby Puppet 7.23 with its unmodified PuppetDB terminus (puppet-terminus-puppetdb
 * 7.12.1) runs {@code puppet apply} against the service's HTTPS listener with client certificates of the service's
 * CA, set up as PuppetDB documents for masterless Puppet: {@code storeconfigs} with the {@code puppetdb} backend,
 * {@code reports = puppetdb}, and routes.yaml caching facts and catalogs in PuppetDB. web1 exports; lb1 collects
 * web1's exports and asks {@code puppetdb_query()}; after {@code puppet node deactivate web1} lb1 collects nothing of
 * web1, nor its own exports that the service still holds. The manifests are {@code src/test/puppet/terminus}; everything Puppet writes stays
 * in a temporary directory, and the service is reached on 127.0.0.1 only. The database is emptied before and after,
 * as the other tests count the corpus's nodes (which are named web1 and lb1 too).
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresAndKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
@QuarkusTestResource(InventoryTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PuppetTerminusTest {

    private static final Path PUPPET = Path.of("/usr/bin/puppet");
    private static final Path TERMINUS = Path.of("/usr/lib/ruby/vendor_ruby/puppet/indirector/catalog/puppetdb.rb");
    private static final Path HOST_CORE = Path.of("/usr/share/puppet/modules/host_core");
    private static final Path MANIFESTS = Path.of("src/test/puppet/terminus");
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);
    /** Both in the service's certificate allowlist ({@link InventoryTestResource#MASTERLESS_NODES}). */
    private static final String WEB = "web1";
    private static final String LB = "lb1";
    private static final String WEB_IP = "192.0.2.11";
    private static final String LB_IP = "192.0.2.21";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    NameIds nameIds;

    private Path work;
    private Path scratch;
    private boolean databaseEmptied;
    private boolean webStored;
    private boolean lbCollected;

    @BeforeAll
    void setUp() throws IOException, SQLException {
        assumeTrue(Files.isExecutable(PUPPET), "Debian's puppet-agent is not installed (apt-get install puppet-agent): "
                + "the terminus test is skipped");
        assumeTrue(Files.isRegularFile(TERMINUS), "Debian's PuppetDB terminus is not installed (apt-get install "
                + "puppet-terminus-puppetdb): the terminus test is skipped");
        assumeTrue(Files.isDirectory(HOST_CORE), "the host type is not installed (apt-get install "
                + "puppet-module-puppetlabs-host-core): the terminus test is skipped");
        Pdb.emptyDatabase(dataSource, nameIds);
        databaseEmptied = true;
        work = Files.createTempDirectory("puppet-terminus");
        scratch = Files.createDirectories(work.resolve("scratch"));
        writeSslDir();
        copy(MANIFESTS.resolve("modules"), work.resolve("code/environments/production/modules"));
        for (String manifest : List.of("web.pp", "lb.pp")) {
            copy(MANIFESTS.resolve(manifest), work.resolve("manifests").resolve(manifest));
        }
        for (String node : List.of(WEB, LB)) {
            writeConfdir(node);
        }
    }

    @AfterAll
    void tearDown() throws IOException, SQLException {
        if (databaseEmptied) {
            Pdb.emptyDatabase(dataSource, nameIds);
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    @Order(1)
    void anExportingNodesRunStoresItsFactsItsCatalogWithTheExportedResourcesAndItsReportWithEvents() throws Exception {
        Run run = apply(WEB, "web.pp", Map.of("pp_ip", WEB_IP));
        assertEquals(2, run.exitCode(), "web1's run applies its own file and nothing fails (--detailed-exitcodes: 2 "
                + "= changes, no failures): " + run.output());
        assertFalse(run.output().contains("Error:"), "no error from the terminus: " + run.output());

        JsonNode ip = ok(query("/pdb/query/v4/facts", "[\"and\",[\"=\",\"certname\",\"web1\"],[\"=\",\"name\",\"pp_ip\"]]"));
        assertEquals(List.of(WEB_IP), values(ip, "value"), "web1's facts, with the fact of its run: " + ip);
        JsonNode kernel = ok(query("/pdb/query/v4/facts", "[\"and\",[\"=\",\"certname\",\"web1\"],[\"=\",\"name\",\"kernel\"]]"));
        assertEquals(List.of("Linux"), values(kernel, "value"), "Facter's own facts are stored too: " + kernel);

        JsonNode catalog = ok(Pdb.http().get("/pdb/query/v4/catalogs/web1"));
        assertEquals("production", catalog.path("environment").asText(), "the catalog's environment: " + catalog);
        assertEquals(WEB, catalog.path("producer").asText(), "puppet apply produces its own catalog: " + catalog);
        List<JsonNode> resources = list(catalog.path("resources").path("data"));
        JsonNode host = resource(resources, "Host", WEB);
        assertTrue(host.path("exported").asBoolean(), "@@host is stored as exported: " + host);
        assertTrue(tags(host).containsAll(List.of("terminus", "web")), "with its tags: " + host);
        assertEquals(WEB_IP, host.path("parameters").path("ip").asText(), "and its parameters: " + host);
        JsonNode file = resource(resources, "File", scratch.resolve("collected-from-web1.txt").toString());
        assertTrue(file.path("exported").asBoolean() && tags(file).contains("terminus"), "@@file, tagged: " + file);
        JsonNode endpoint = resource(resources, "Fleet::Endpoint", "web1-http");
        assertTrue(endpoint.path("exported").asBoolean(), "an exported defined type: " + endpoint);
        assertEquals(80, endpoint.path("parameters").path("port").asInt(), "with a number parameter: " + endpoint);
        JsonNode own = resource(resources, "File", scratch.resolve("web1-own.txt").toString());
        assertFalse(own.path("exported").asBoolean(), "a resource of its own is not exported: " + own);

        JsonNode reports = ok(query("/pdb/query/v4/reports", "[\"=\",\"certname\",\"web1\"]"));
        assertEquals(1, reports.size(), "one report of web1's run: " + reports);
        JsonNode report = reports.get(0);
        assertEquals("changed", report.path("status").asText(), "the report's status: " + report);
        assertEquals(catalog.path("catalog_uuid").asText(), report.path("catalog_uuid").asText(),
                "the report names the catalog it applied");
        JsonNode events = ok(query("/pdb/query/v4/events", "[\"=\",\"certname\",\"web1\"]"));
        assertTrue(hasSuccessEvent(events, "File", scratch.resolve("web1-own.txt").toString()),
                "the report's event for the file web1 wrote: " + events);
        webStored = true;
    }

    @Test
    @Order(2)
    void aCollectingNodeAppliesTheOtherNodesExportsAndWhatPuppetdbQueryAnswers() throws Exception {
        assumeTrue(webStored, "needs web1's stored exports (the previous test)");
        Run run = apply(LB, "lb.pp", Map.of("pp_ip", LB_IP));
        assertEquals(2, run.exitCode(), "lb1's run applies what it collected and nothing fails: " + run.output());
        assertFalse(run.output().contains("Error:"), "no error from the terminus: " + run.output());

        String hosts = read("hosts-of-lb1");
        assertTrue(hosts.lines().anyMatch(l -> l.matches("192\\.0\\.2\\.11\\s+web1\\s+web1\\.example\\.com")),
                "Host <<| tag == 'terminus' |>> wrote web1's entry into the overriding target: " + hosts);
        assertEquals("exported by web1\n", read("collected-from-web1.txt"), "File <<| |>> applied web1's file");
        assertEquals("web1:80\n", read("endpoint-web1-http"), "the exported defined type on port 80 was collected");
        assertFalse(Files.exists(scratch.resolve("endpoint-web1-admin")), "the parameter filter port == 80 left out "
                + "the endpoint on 8080");
        assertFalse(Files.exists(scratch.resolve("hosts")), "the collector's target override replaced the exported "
                + "target");
        assertEquals("nodes: lb1 web1\nendpoints: web1-admin web1-http\n", read("puppetdb-query-by-lb1.txt"),
                "puppetdb_query() in PQL and AST answered the active nodes and the exported endpoints");

        List<JsonNode> resources = list(ok(Pdb.http().get("/pdb/query/v4/catalogs/lb1")).path("resources").path("data"));
        assertFalse(resource(resources, "Host", WEB).path("exported").asBoolean(),
                "web1's host entry is an ordinary resource of lb1's catalog");
        assertTrue(resource(resources, "Host", LB).path("exported").asBoolean(), "lb1's own export is stored");
        JsonNode events = ok(query("/pdb/query/v4/events", "[\"=\",\"certname\",\"lb1\"]"));
        assertTrue(hasSuccessEvent(events, "File", scratch.resolve("collected-from-web1.txt").toString()),
                "lb1's report carries the event of the collected file: " + events);
        lbCollected = true;
    }

    @Test
    @Order(3)
    void afterPuppetNodeDeactivateNothingOfTheDeactivatedNodeIsCollectedNorTheCollectorsOwnStoredExports()
            throws Exception {
        assumeTrue(lbCollected, "needs lb1's first collection (the previous test)");
        Run deactivate = puppet(LB, Map.of(), List.of("node", "deactivate"), WEB);
        assertEquals(0, deactivate.exitCode(), "puppet node deactivate: " + deactivate.output());
        assertTrue(deactivate.output().contains("Submitted 'deactivate node' for web1 with UUID"),
                "the face reports the submitted command: " + deactivate.output());
        JsonNode node = ok(Pdb.http().get("/pdb/query/v4/nodes/web1"));
        assertFalse(node.path("deactivated").isNull() || node.path("deactivated").isMissingNode(),
                "web1 is deactivated: " + node);
        JsonNode exported = ok(query("/pdb/query/v4/resources",
                "[\"and\",[\"=\",\"exported\",true],[\"not\",[\"=\",\"certname\",\"lb1\"]]]"));
        assertEquals(0, exported.size(), "a deactivated node's exports are not collectable: " + exported);
        JsonNode own = ok(query("/pdb/query/v4/resources", "[\"and\",[\"=\",\"exported\",true],[\"=\",\"certname\",\"lb1\"]]"));
        assertEquals(2, own.size(), "the service still holds lb1's own exports (its host entry and file), which lb1 "
                + "must not get back: " + own);

        // lb1's first run wrote web1's resources and realised its own exports from its own catalog; this run
        // exports nothing, so whatever it applies of lb1's exports could only come from the service
        for (String collected : List.of("hosts-of-lb1", "collected-from-web1.txt", "endpoint-web1-http",
                "collected-from-lb1.txt")) {
            Files.delete(scratch.resolve(collected));
        }
        Run run = apply(LB, "lb.pp", Map.of("pp_ip", LB_IP, "pp_lb_exports", "none"));
        assertEquals(2, run.exitCode(), "lb1's second run rewrites what puppetdb_query() answers: " + run.output());
        assertFalse(run.output().contains("Error:"), "no error from the terminus: " + run.output());
        assertFalse(Files.exists(scratch.resolve("collected-from-web1.txt")), "web1's file is not collected again");
        assertFalse(Files.exists(scratch.resolve("endpoint-web1-http")), "web1's endpoint is not collected again");
        assertFalse(Files.exists(scratch.resolve("collected-from-lb1.txt")), "lb1's own exported file, stored by "
                + "its first run, is not collected by lb1");
        assertFalse(Files.exists(scratch.resolve("hosts-of-lb1")), "no host entry is collected: neither "
                + "deactivated web1's nor lb1's own stored one");
        assertEquals("nodes: lb1\nendpoints: \n", read("puppetdb-query-by-lb1.txt"),
                "puppetdb_query() answers neither the deactivated node nor its exports");
    }

    // --- Puppet's side -------------------------------------------------------------------------------------------

    private record Run(int exitCode, String output) {
    }

    private Run apply(String certname, String manifest, Map<String, String> facts)
            throws IOException, InterruptedException {
        return puppet(certname, facts, List.of("apply"), "--environment", "production",
                "--detailed-exitcodes", work.resolve("manifests").resolve(manifest).toString());
    }

    /**
     * Runs {@code puppet <action> --confdir ... <operands>} as {@code certname} with the given facts and
     * {@code pp_scratch}; the output without the sandbox's Facter permission lines.
     */
    private Run puppet(String certname, Map<String, String> facts, List<String> action, String... operands)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(PUPPET.toString());
        command.addAll(action);
        command.addAll(List.of("--confdir", work.resolve("conf").resolve(certname).toString(),
                "--vardir", work.resolve("var").resolve(certname).toString(), "--certname", certname));
        command.addAll(List.of(operands));
        Path log = Files.createTempFile(work, certname + "-", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("LANG", "C.UTF-8");
        pb.environment().put("FACTER_pp_scratch", scratch.toString());
        facts.forEach((name, value) -> pb.environment().put("FACTER_" + name, value));
        Process process = pb.start();
        if (!process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            fail(String.join(" ", command) + " did not finish within " + RUN_TIMEOUT + ": " + output(log));
        }
        return new Run(process.exitValue(), output(log));
    }

    private static String output(Path log) throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.matches(".*Facter: .*Permission denied.*|.*/proc/1/environ.*"))
                .collect(Collectors.joining("\n"));
    }

    /** A Puppet ssldir: the service's CA and a client certificate of that CA for each node. */
    private void writeSslDir() throws IOException {
        Path pki = Path.of(ConfigProvider.getConfig().getValue("puppetplane.test.pki-dir", String.class));
        TestCertificateAuthority ca = TestCertificateAuthority.loadFrom(pki);
        Path certs = Files.createDirectories(work.resolve("ssl/certs"));
        Path keys = Files.createDirectories(work.resolve("ssl/private_keys"));
        Files.writeString(certs.resolve("ca.pem"), TestCertificateAuthority.pem(ca.certificate()));
        for (String node : List.of(WEB, LB)) {
            TestCertificateAuthority.IssuedCertificate cert = ca.issueClient(node, Map.of());
            Files.writeString(certs.resolve(node + ".pem"), TestCertificateAuthority.pem(cert.certificate()));
            Files.writeString(keys.resolve(node + ".pem"), TestCertificateAuthority.pem(cert.key()));
        }
    }

    /**
     * puppet.conf, routes.yaml and puppetdb.conf as PuppetDB's page on {@code puppet apply} has them, except
     * routes.yaml's {@code resource} route: with the RAL as the Resource terminus an exported collector searches the
     * local system, never PuppetDB; {@code storeconfigs = true} already routes it to {@code storeconfigs_backend}.
     */
    private void writeConfdir(String certname) throws IOException {
        Path conf = Files.createDirectories(work.resolve("conf").resolve(certname));
        Path var = work.resolve("var").resolve(certname);
        Path code = work.resolve("code");
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-ssl-port", Integer.class);
        Files.writeString(conf.resolve("puppet.conf"), """
                [main]
                certname = %s
                ssldir = %s
                certificate_revocation = false
                vardir = %s
                logdir = %s/log
                rundir = %s/run
                publicdir = %s/public
                codedir = %s
                environmentpath = %s/environments
                basemodulepath = /usr/share/puppet/modules
                storeconfigs = true
                storeconfigs_backend = puppetdb
                reports = puppetdb
                report = true
                """.formatted(certname, work.resolve("ssl"), var, var, var, var, code, code));
        Files.writeString(conf.resolve("routes.yaml"), """
                ---
                apply:
                  catalog:
                    terminus: compiler
                    cache: puppetdb
                  facts:
                    terminus: facter
                    cache: puppetdb_apply
                """);
        Files.writeString(conf.resolve("puppetdb.conf"), """
                [main]
                server_urls = https://127.0.0.1:%d
                server_url_timeout = 30
                """.formatted(port));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target);
                }
            }
        }
    }

    // --- the service's answers -----------------------------------------------------------------------------------

    private String read(String scratchFile) throws IOException {
        Path p = scratch.resolve(scratchFile);
        assertTrue(Files.exists(p), scratchFile + " was written by the run");
        return Files.readString(p);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static List<String> values(JsonNode array, String field) {
        return list(array).stream().map(n -> n.path(field).asText()).toList();
    }

    private static List<String> tags(JsonNode resource) {
        return list(resource.path("tags")).stream().map(JsonNode::asText).toList();
    }

    private static JsonNode resource(List<JsonNode> resources, String type, String title) {
        JsonNode found = resources.stream()
                .filter(r -> type.equals(r.path("type").asText()) && title.equals(r.path("title").asText()))
                .findFirst().orElse(null);
        assertNotNull(found, type + "[" + title + "] is in the catalog: "
                + resources.stream().map(r -> r.path("type").asText() + "[" + r.path("title").asText() + "]").toList());
        return found;
    }

    private static boolean hasSuccessEvent(JsonNode events, String type, String title) {
        return list(events).stream().anyMatch(e -> type.equals(e.path("resource_type").asText())
                && title.equals(e.path("resource_title").asText()) && "success".equals(e.path("status").asText()));
    }
}
