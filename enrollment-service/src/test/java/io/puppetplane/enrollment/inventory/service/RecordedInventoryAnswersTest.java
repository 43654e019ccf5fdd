package io.puppetplane.enrollment.inventory.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.puppetplane.enrollment.EventFeed;
import io.puppetplane.enrollment.InventoryServiceProcess;
import io.puppetplane.trust.testing.TestCertificateAuthority;
import io.vertx.core.Vertx;

/**
 * {@link PuppetDbQueries} against the real inventory-service: its packaged application on a database and Kafka
 * topics of its own ({@code recorded.puppetplane.*}), fed {@link InventoryScenario}'s events, asked over mutual TLS
 * with the certificate files a deployment gives it. The same questions pass through {@link RecordedPuppetDb}, and
 * the exchanges must equal the recording {@code PuppetDbQueriesTest} replays, apart from what differs per run
 * (receive times, hashes, links holding hashes); the masked differences are shown. With
 * {@code -Dinventory.answers.record=true} the recording is written anew instead.
 */
class RecordedInventoryAnswersTest {

    private static final String PREFIX = "recorded.";
    /** Values that differ per run: when the inventory received something, and hashes that cover such times. */
    private static final Set<String> VOLATILE = Set.of("receive_time", "producer_timestamp", "hash",
            "latest_report_hash", "href", "deactivated");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void theRealInventoryAnswersTheClientsQuestionsAsRecorded() throws Exception {
        try (InventoryServiceProcess inventory = InventoryServiceProcess.start("inventory_recorded", Map.of(
                "mp.messaging.incoming.facts-in.topic", PREFIX + "puppetplane.facts",
                "mp.messaging.incoming.reports-in.topic", PREFIX + "puppetplane.reports",
                "mp.messaging.incoming.catalogs-in.topic", PREFIX + "puppetplane.catalogs",
                "mp.messaging.incoming.nodes-in.topic", PREFIX + "puppetplane.nodes",
                "kafka.group.id", "inventory-recorded"))) {
            InventoryScenario.feed(new EventFeed(), PREFIX);
            awaitIngested(inventory);

            Path pki = inventory.pki();
            Vertx vertx = Vertx.vertx();
            SSLContext client;
            try {
                client = PuppetDbQueries.sslContext(vertx, pki.resolve("client.pem").toString(),
                        pki.resolve("client-key.pem").toString(), pki.resolve("ca.pem").toString());
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().join();
            }
            PuppetDbQueries direct = new PuppetDbQueries(inventory.httpsUrl(), Duration.ofSeconds(10), () -> client);
            InventoryScenario.assertExpected(InventoryScenario.ask(direct));

            TestCertificateAuthority ca = TestCertificateAuthority.loadFrom(pki);
            SSLContext server = TestCertificateAuthority.context(
                    TestCertificateAuthority.readIssued(pki, "server", ca.certificate()), ca.certificate());
            List<RecordedPuppetDb.Exchange> fresh;
            try (RecordedPuppetDb recorder = RecordedPuppetDb.recordingThrough(server, inventory.httpsUrl(),
                    HttpClient.newBuilder().sslContext(client).version(HttpClient.Version.HTTP_1_1).build())) {
                InventoryScenario.assertExpected(InventoryScenario.ask(
                        new PuppetDbQueries(recorder.url(), Duration.ofSeconds(10), () -> client)));
                fresh = recorder.exchanges();
            }

            if (Boolean.getBoolean("inventory.answers.record")) {
                RecordedPuppetDb.write(RecordedPuppetDb.RECORDING, fresh);
                System.out.printf("recorded %d answers of the real inventory-service to %s%n", fresh.size(),
                        RecordedPuppetDb.RECORDING.toAbsolutePath());
                return;
            }
            List<RecordedPuppetDb.Exchange> recorded = RecordedPuppetDb.read(RecordedPuppetDb.RECORDING);
            assertEquals(masked(recorded), masked(fresh), "the real inventory-service must still answer the client's "
                    + "questions as recorded in " + RecordedPuppetDb.RECORDING + " (re-record with "
                    + "-Dinventory.answers.record=true if the change is right)");
        }
    }

    /** The whole scenario stored: three reports, both factsets, and db1 deactivated. */
    private static void awaitIngested(InventoryServiceProcess inventory) {
        String reports = "/pdb/query/v4/reports?query=" + encode("[\"=\",\"node_state\",\"any\"]");
        String factsets = "/pdb/query/v4/factsets?query=" + encode("[\"=\",\"node_state\",\"any\"]");
        String inactive = "/pdb/query/v4/nodes?query=" + encode("[\"=\",\"node_state\",\"inactive\"]");
        EventFeed.await(() -> count(inventory.get(reports)) == 3 && count(inventory.get(factsets)) == 2
                && count(inventory.get(inactive)) == 1, "the inventory must store the scenario's events: "
                + "reports, facts, deactivation", Duration.ofSeconds(60));
    }

    private static int count(String json) {
        try {
            return JSON.readTree(json).size();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The exchanges as text, with per-run values masked and unordered rows (no order_by) sorted. */
    private static String masked(List<RecordedPuppetDb.Exchange> exchanges) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (RecordedPuppetDb.Exchange e : exchanges) {
            ObjectNode node = JSON.createObjectNode();
            node.put("path", e.path());
            node.set("params", JSON.valueToTree(new java.util.TreeMap<>(e.params())));
            node.put("status", e.status());
            node.set("answer", canonical(e.answer(), e.params().containsKey("order_by")));
            out.add(node);
        }
        return JSON.writeValueAsString(out);
    }

    private static JsonNode canonical(JsonNode node, boolean ordered) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            for (String name : names) {
                JsonNode value = node.get(name);
                copy.set(name, VOLATILE.contains(name) && !value.isNull() ? JSON.getNodeFactory().textNode("<masked>")
                        : canonical(value, !name.equals("data")));
            }
            return copy;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
                items.add(canonical(it.next(), true));
            }
            if (!ordered) {
                items.sort(java.util.Comparator.comparing(JsonNode::toString));
            }
            ArrayNode copy = JSON.createArrayNode();
            items.forEach(copy::add);
            return copy;
        }
        return node;
    }
}
