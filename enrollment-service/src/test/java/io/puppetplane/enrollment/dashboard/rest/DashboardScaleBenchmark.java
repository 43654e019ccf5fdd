package io.puppetplane.enrollment.dashboard.rest;

import static io.restassured.RestAssured.given;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.puppetplane.enrollment.EventFeed;
import io.puppetplane.enrollment.InventoryTestResource;
import io.puppetplane.enrollment.LoopbackSshServer;
import io.puppetplane.enrollment.Operators;
import io.puppetplane.events.CloudEventCodec;
import io.puppetplane.events.OutgoingEvent;
import io.puppetplane.events.payload.ReportReceived;
import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Prints how long the dashboard's pages take with a large fleet: NODES enrolled nodes (inserted into this service's
 * table) and REPORTS_PER_NODE reports each in the real inventory-service (through Kafka, as the plane feeds it),
 * then each page asked WARMUP times untimed and REPEATS times timed, one client, figures printed. Not a test (no
 * assertion on time, not run by {@code verify}): run it alone with
 * {@code -Dtest=DashboardScaleBenchmark -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.nodes=10000]
 * [-Dbench.reports=3]}.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresAndKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "enrollment"))
@QuarkusTestResource(LoopbackSshServer.class)
@QuarkusTestResource(InventoryTestResource.class)
class DashboardScaleBenchmark {

    private static final int NODES = Integer.getInteger("bench.nodes", 10_000);
    private static final int REPORTS_PER_NODE = Integer.getInteger("bench.reports", 3);
    private static final int WARMUP = 5;
    private static final int REPEATS = 30;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void printsPageTimesAtScale() throws Exception {
        Operators.restAssuredAsAdmin();
        long start = System.nanoTime();
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("INSERT INTO node (certname, address, kind, role, state, state_changed_at, created_at, "
                    + "updated_at) SELECT 'bench-' || lpad(i::text, 5, '0') || '.example.com', '10.1.0.1', "
                    + "'bare-metal', CASE WHEN i % 3 = 0 THEN 'cc' ELSE 'nc' END, CASE WHEN i % 50 = 0 THEN "
                    + "'failed' WHEN i % 7 = 0 THEN 'certificate-signed' ELSE 'ready' END, now(), now(), now() "
                    + "FROM generate_series(1, " + NODES + ") AS i");
        }
        CloudEventCodec codec = new CloudEventCodec("benchmark", Clock.systemUTC());
        Properties props = new Properties();
        props.putAll(Map.of("bootstrap.servers", PostgresAndKafkaTestResource.kafka().bootstrapServers(),
                "key.serializer", StringSerializer.class.getName(), "value.serializer",
                StringSerializer.class.getName(), "linger.ms", "20"));
        Instant now = Instant.now();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            // oldest runs first, so each node's latest report is its newest
            for (int r = REPORTS_PER_NODE - 1; r >= 0; r--) {
                for (int i = 1; i <= NODES; i++) {
                    String certname = String.format("bench-%05d.example.com", i);
                    String status = r == 0 && i % 10 == 0 ? "failed" : i % 10 == 2 ? "changed" : "unchanged";
                    Instant at = r == 0 ? now.minus(Duration.ofMinutes(i % 60 + (i % 20 == 3 ? 300 : 0)))
                            : now.minus(Duration.ofDays(r * 4L % 13 + 1)).minusSeconds(i);
                    var report = (com.fasterxml.jackson.databind.node.ObjectNode) EventFeed.agentReport(certname,
                            status, "tx-bench-" + i + "-" + r, at, status.equals("failed"));
                    if (r == 0 && i % 10 == 1) {
                        report.put("noop", true).put("noop_pending", true);
                    }
                    OutgoingEvent e = codec.encode(new ReportReceived(certname, "production", status, "1",
                            "tx-bench-" + i + "-" + r, "cat", "code", false, at, report), certname);
                    producer.send(new ProducerRecord<>(e.topic(), e.key(), e.cloudEventJson()));
                }
            }
            producer.flush();
        }
        long expected = (long) NODES * REPORTS_PER_NODE;
        String count = "/pdb/query/v4/reports?query=" + URLEncoder.encode("[\"extract\",[[\"function\",\"count\"]],"
                + "[\"~\",\"certname\",\"^bench-\"]]", StandardCharsets.UTF_8);
        EventFeed.await(() -> InventoryTestResource.inventory().getOrEmpty(count).contains("\"count\":" + expected),
                "the inventory stored " + expected + " reports", Duration.ofMinutes(30));
        System.out.printf("dashboard benchmark: %d nodes, %d reports stored in %.0f s%n", NODES, expected,
                (System.nanoTime() - start) / 1e9);

        String session = Operators.formLogin(Operators.ADMIN, Operators.ADMIN_PASSWORD);
        for (String page : List.of("/dashboard", "/dashboard/nodes", "/dashboard/nodes?page=150",
                "/dashboard/nodes?step=ready&page=20", "/dashboard/nodes?status=failed",
                "/dashboard/nodes?status=unchanged&page=60", "/dashboard/nodes?sort=last-run&page=100",
                "/dashboard/nodes?status=failed&role=cc", "/dashboard/nodes?q=bench-0999")) {
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < WARMUP + REPEATS; i++) {
                long t = System.nanoTime();
                given().auth().none().cookie(Operators.SESSION_COOKIE, session).get(page).then().statusCode(200);
                if (i >= WARMUP) {
                    ms.add((System.nanoTime() - t) / 1e6);
                }
            }
            Collections.sort(ms);
            System.out.printf("dashboard benchmark: %-45s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms (%d requests)%n",
                    page, ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.95) - 1),
                    ms.get(ms.size() - 1), ms.size());
        }
    }
}
