package io.puppetplane.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@link LocalPlaneEndToEndTest}'s tests (enrollment by autosign, pluginsync of the role fact, nc and cc catalogs
 * with the exported file, reports on Kafka and in the inventory, key files from the {@code eucakeys} mount, the 403
 * outside the allowed CIDR, a revoked node refused) with Debian 13's puppet-agent 8.10 against one plane start.
 *
 * <p>The agent runs with {@code chroot} in the Debian 13 root ({@code PUPPETPLANE_PUPPET8_ROOT}, default
 * /var/tmp/trixie-root; .ci/run makes it), so its directories, role files and key directories live in the root's
 * /tmp. The class is skipped, saying why, when that root is absent.
 */
class Puppet8AgentEndToEndTest extends LocalPlaneEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Path inRoot;

    @Override
    void assumeTheAgentRuns() {
        Optional<String> unavailable = PuppetAgent.puppet8Unavailable();
        assumeTrue(unavailable.isEmpty(), () -> unavailable.orElseThrow());
    }

    @Override
    Path agentWorkDirectory(Path testDirectory) throws Exception {
        inRoot = PuppetAgent.puppet8Directory("plane-e2e-");
        return inRoot;
    }

    @Override
    Path asTheAgentSees(Path path) {
        return PuppetAgent.inRoot(path);
    }

    @Override
    PuppetAgent newAgent(Path baseDir, Path config, String certname, Map<String, String> environment)
            throws Exception {
        return PuppetAgent.puppet8(baseDir, config, certname, environment);
    }

    @AfterAll
    void removeTheAgentsFilesFromTheRoot() throws Exception {
        if (inRoot != null) {
            try (Stream<Path> paths = Files.walk(inRoot)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * Puppet 8 sends no legacy facts ({@code include_legacy_facts} is off): the plane stores the structured ones it
     * sends and the site's code, which reads {@code $facts['networking']['ip']}, compiles from them.
     */
    @Test
    void puppet8SendsNoLegacyFactsAndTheExportedAddressComesFromStructuredFacts() throws Exception {
        String certname = "facts8.cloud.test";
        PuppetAgent agent = agentWithRole(certname, "nc");

        PuppetAgent.Result run = agent.test("--noop");

        assertTrue(run.succeeded(), "the run must succeed (exit " + run.exitCode() + "):\n" + run.output());
        PlaneClients clients = new PlaneClients(plane);
        String version = field(clients.awaitPuppetDb("/pdb/query/v4/nodes/" + certname + "/facts/puppetversion"),
                "value");
        assertTrue(version.startsWith("8."), "the inventory holds the facts of a Puppet 8 agent: " + version);
        String facts = puppetDb("/pdb/query/v4/nodes/" + certname + "/facts");
        for (String legacy : new String[] {"ipaddress", "hostname", "operatingsystem", "osfamily"}) {
            assertFalse(facts.contains("\"name\":\"" + legacy + "\""),
                    "Puppet 8 sends no legacy fact " + legacy + ": " + facts);
        }
        String networking = clients.awaitPuppetDb("/pdb/query/v4/nodes/" + certname + "/facts/networking");
        Matcher ip = Pattern.compile("\"ip\":\\s*\"([^\"]+)\"").matcher(networking);
        assertTrue(ip.find(), "the structured networking fact carries the address: " + networking);

        awaitExportedInPuppetDb(certname, Duration.ofSeconds(60));
        String query = URLEncoder.encode("[\"and\",[\"=\",\"certname\",\"" + certname
                + "\"],[\"=\",\"exported\",true]]", StandardCharsets.UTF_8);
        String exported = puppetDb("/pdb/query/v4/resources?query=" + query);
        // PuppetDB's JSON may space after colons: compare the content value, not the text around it.
        Pattern content = Pattern.compile("\"content\":\\s*\"" + Pattern.quote(ip.group(1)) + "\\\\n\"");
        assertTrue(content.matcher(exported).find(),
                "the exported file's content is $facts['networking']['ip'] (" + ip.group(1) + "): " + exported);
    }

    private static String puppetDb(String pathAndQuery) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + LocalControlPlane.PUPPETDB_PLAIN_PORT + pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), pathAndQuery + ": " + r.body());
        return r.body();
    }
}
