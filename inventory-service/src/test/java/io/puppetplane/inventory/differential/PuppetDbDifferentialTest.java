package io.puppetplane.inventory.differential;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The differential test of spec §8: replays the command corpus to a reference (Debian's PuppetDB 7.12.1) and a
 * candidate (inventory-service, or a second reference to prove the harness), then runs the query corpus against
 * both and reports every difference in status, content type, X-Records, fields and rows after normalising
 * (receive times and uuids masked, hashes opaque but consistent, unspecified orders sorted, timestamp formats
 * checked strictly).
 *
 * <p>System properties: {@code pdb.reference.url} and {@code pdb.candidate.url} (each: a running server holding
 * nothing yet; without one a fresh reference is started on 127.0.0.1:28180 / :28181), {@code differential.dir},
 * {@code pdb.report} (the differences report, default target/pdb-differential-report.txt), {@code pdb.keep}
 * (leave started references running), {@code pdb.skipReplay} (both already hold the replayed corpus: queries only).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PuppetDbDifferentialTest {

    private ReferenceRig rig;
    private PdbHttp reference;
    private PdbHttp candidate;
    private Corpus corpus;
    private final Differ differ = new Differ();
    private final List<String> report = new ArrayList<>();
    private boolean commandsReplayed;

    @BeforeAll
    void startServers() {
        rig = new ReferenceRig();
        corpus = new Corpus(rig.dir());
        List<String> urls = rig.urls(List.of("pdb.reference.url", "pdb.candidate.url"), List.of(28180, 28181));
        reference = new PdbHttp(urls.get(0));
        candidate = new PdbHttp(urls.get(1));
        line("reference " + reference.base() + ", candidate " + candidate.base() + ", corpus " + corpus.dir());
    }

    @AfterAll
    void writeReportAndStop() throws IOException {
        Path out = Path.of(System.getProperty("pdb.report", "target/pdb-differential-report.txt"));
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.write(out, report, StandardCharsets.UTF_8);
        System.out.println("[differential] report: " + out.toAbsolutePath());
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    @Order(1)
    void commandsAreAnsweredAlike() {
        if (Boolean.getBoolean("pdb.skipReplay")) {
            commandsReplayed = true;
            Assumptions.abort("-Dpdb.skipReplay: both servers already hold the replayed corpus");
        }
        List<String> diffs = new ArrayList<>();
        long refMs = 0;
        long candMs = 0;
        for (Corpus.Request r : corpus.commands()) {
            PdbHttp.Exchange a = r.sendTo(reference);
            PdbHttp.Exchange b = r.sendTo(candidate);
            refMs += a.millis();
            candMs += b.millis();
            diffs.addAll(prefix(r, compare(r, a, b, false)));
            if (a.status() != 200) {
                diffs.add(r.label() + ": the reference refused a corpus command: " + a.status() + " " + a.body());
            }
        }
        commandsReplayed = true;
        line(String.format("commands: %d replayed with secondsToWaitForCompletion=30; reference %d ms, candidate %d ms",
                corpus.commands().size(), refMs, candMs));
        finish("commands", diffs);
    }

    @Test
    @Order(2)
    void refusedSubmissionsAreAnsweredAlike() {
        Assumptions.assumeFalse(Boolean.getBoolean("pdb.skipReplay"), "-Dpdb.skipReplay");
        List<String> diffs = new ArrayList<>();
        for (Corpus.Request r : corpus.refusedCommands()) {
            PdbHttp.Exchange a = r.sendTo(reference);
            PdbHttp.Exchange b = r.sendTo(candidate);
            line(String.format("refused %-70s reference %d %s", r.file(), a.status(), a.normalisedContentType()));
            diffs.addAll(prefix(r, compare(r, a, b, true)));
        }
        finish("refused submissions", diffs);
    }

    @TestFactory
    @Order(3)
    Stream<DynamicTest> queriesAreAnsweredAlike() {
        return corpus.queries().stream().map(q -> DynamicTest.dynamicTest(q.label(), () -> {
            assertTrue(commandsReplayed, "the command corpus was not replayed");
            PdbHttp.Exchange a = q.sendTo(reference);
            PdbHttp.Exchange b = q.sendTo(candidate);
            line(String.format("query %-60s reference %d %s%s", q.file(), a.status(), a.normalisedContentType(),
                    a.xRecords().map(x -> " X-Records " + x).orElse("")));
            finish(q.label(), prefix(q, compare(q, a, b, false)));
        }));
    }

    @Test
    @Order(4)
    void hashesAreConsistentAcrossEndpoints() {
        List<String> diffs = new ArrayList<>();
        diffs.addAll(consistency("reference", reference));
        diffs.addAll(consistency("candidate", candidate));
        line("hashes paired reference->candidate: " + differ.hashesPaired());
        finish("hash consistency", diffs);
    }

    /** Within one server: the same report hash in nodes, reports and events; resource hashes in catalogs. */
    private List<String> consistency(String side, PdbHttp s) {
        List<String> out = new ArrayList<>();
        JsonNode nodes = json(s.get("/pdb/query/v4/nodes?query=" + enc("[\"=\",\"node_state\",\"any\"]")));
        JsonNode reports = json(s.get("/pdb/query/v4/reports"));
        JsonNode events = json(s.get("/pdb/query/v4/events"));
        JsonNode resources = json(s.get("/pdb/query/v4/resources?query=" + enc("[\"=\",\"node_state\",\"any\"]")));
        JsonNode catalogs = json(s.get("/pdb/query/v4/catalogs"));
        Set<String> reportHashes = new HashSet<>();
        reports.forEach(r -> reportHashes.add(r.path("hash").asText()));
        for (JsonNode n : nodes) {
            String h = n.path("latest_report_hash").asText(null);
            if (h != null && !reportHashes.contains(h)) {
                out.add(side + ": nodes " + n.path("certname").asText() + " latest_report_hash " + h
                        + " is not the hash of any report");
            }
        }
        for (JsonNode e : events) {
            if (!reportHashes.contains(e.path("report").asText())) {
                out.add(side + ": an event's report " + e.path("report").asText() + " is not the hash of any report");
            }
        }
        Set<String> catalogResources = new HashSet<>();
        for (JsonNode c : catalogs) {
            for (JsonNode r : c.path("resources").path("data")) {
                catalogResources.add(c.path("certname").asText() + "|" + r.path("type").asText() + "|"
                        + r.path("title").asText() + "|" + r.path("resource").asText());
            }
        }
        for (JsonNode r : resources) {
            String key = r.path("certname").asText() + "|" + r.path("type").asText() + "|" + r.path("title").asText()
                    + "|" + r.path("resource").asText();
            if (!catalogResources.contains(key)) {
                out.add(side + ": /resources row " + key + " is not in /catalogs");
            }
        }
        line(String.format("%s: %d nodes, %d reports, %d events, %d resources, %d catalogs checked for hash consistency",
                side, nodes.size(), reports.size(), events.size(), resources.size(), catalogs.size()));
        return out;
    }

    /** Status, content type, X-Records and (normalised) body of two answers to one request. */
    private List<String> compare(Corpus.Request r, PdbHttp.Exchange a, PdbHttp.Exchange b, boolean statusOnly) {
        List<String> d = new ArrayList<>();
        if (a.status() != b.status()) {
            d.add("status: reference " + a.status() + " / candidate " + b.status() + " (candidate body: "
                    + abbreviate(b.body()) + ")");
        }
        if (!a.normalisedContentType().equals(b.normalisedContentType())) {
            d.add("Content-Type: reference " + a.contentType() + " / candidate " + b.contentType());
        }
        if (!Objects.equals(a.xRecords(), b.xRecords())) {
            d.add("X-Records: reference " + a.xRecords().orElse("<none>") + " / candidate "
                    + b.xRecords().orElse("<none>"));
        }
        boolean errorish = statusOnly || r.statusOnly() || a.status() >= 400;
        if (!a.isJson() || !b.isJson()) {
            return d; // text/plain errors: the wording is not compared
        }
        JsonNode ja;
        JsonNode jb;
        try {
            ja = Corpus.JSON.readTree(a.body());
        } catch (IOException e) {
            d.add("the reference's body is not JSON: " + abbreviate(a.body()));
            return d;
        }
        try {
            jb = Corpus.JSON.readTree(b.body());
        } catch (IOException e) {
            d.add("the candidate's body is not JSON: " + abbreviate(b.body()));
            return d;
        }
        if (errorish) {
            if (ja.isObject() && jb.isObject()) {
                Set<String> ka = new java.util.TreeSet<>();
                Set<String> kb = new java.util.TreeSet<>();
                ja.fieldNames().forEachRemaining(ka::add);
                jb.fieldNames().forEachRemaining(kb::add);
                if (!ka.equals(kb)) {
                    d.add("JSON keys: reference " + ka + " / candidate " + kb);
                }
            } else if (ja.getNodeType() != jb.getNodeType()) {
                d.add("JSON type: reference " + ja.getNodeType() + " / candidate " + jb.getNodeType());
            }
            return d;
        }
        boolean metrics = r.path().startsWith("/metrics");
        Normaliser na = new Normaliser("reference");
        Normaliser nb = new Normaliser("candidate");
        JsonNode xa = na.normalise(ja, r.ordered(), metrics);
        JsonNode xb = nb.normalise(jb, r.ordered(), metrics);
        d.addAll(na.violations());
        d.addAll(nb.violations());
        d.addAll(differ.diff(xa, xb));
        return d;
    }

    private static List<String> prefix(Corpus.Request r, List<String> diffs) {
        return diffs.stream().map(s -> r.label() + " [" + r.method() + " " + r.pathAndQuery(true) + "]: " + s)
                .toList();
    }

    private void finish(String what, List<String> diffs) {
        diffs.forEach(this::line);
        if (!diffs.isEmpty()) {
            throw new AssertionError(diffs.size() + " difference(s) in " + what + ":\n  " + String.join("\n  ",
                    diffs.subList(0, Math.min(diffs.size(), 40))));
        }
    }

    private synchronized void line(String s) {
        report.add(s);
        System.out.println("[differential] " + s);
    }

    private static JsonNode json(PdbHttp.Exchange e) {
        try {
            return Corpus.JSON.readTree(e.body());
        } catch (IOException ex) {
            throw new UncheckedIOException("not JSON (" + e.status() + "): " + abbreviate(e.body()), ex);
        }
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String abbreviate(String s) {
        return s == null ? "<null>" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
