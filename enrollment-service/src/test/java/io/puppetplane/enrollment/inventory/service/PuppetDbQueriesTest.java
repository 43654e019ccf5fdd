package io.puppetplane.enrollment.inventory.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.puppetplane.trust.testing.TestCertificateAuthority;
import io.vertx.core.Vertx;

/**
 * The client against a loopback HTTPS server that answers as the real inventory-service answered the same questions
 * ({@link RecordedPuppetDb}; {@code RecordedInventoryAnswersTest} keeps the recording true), with its TLS context
 * made from PEM files as a deployment's, and what it says when the inventory cannot answer.
 */
class PuppetDbQueriesTest {

    private static Vertx vertx;
    private static Path pki;
    private static TestCertificateAuthority ca;
    private static SSLContext serverContext;

    @BeforeAll
    static void makeCertificates(@TempDir Path dir) {
        vertx = Vertx.vertx();
        pki = dir;
        ca = TestCertificateAuthority.createIn(dir, "queries-test");
        serverContext = TestCertificateAuthority.context(
                ca.issueServer("localhost", List.of("localhost"), List.of("127.0.0.1")), ca.certificate());
        ca.issueClient("enrollment-service", Map.of()).writeTo(dir, "client");
    }

    @AfterAll
    static void closeVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void answersAreReadIntoWhatTheDashboardShows() throws Exception {
        try (RecordedPuppetDb inventory = RecordedPuppetDb.replaying(serverContext)) {
            InventoryScenario.assertExpected(InventoryScenario.ask(client(inventory.url(), Duration.ofSeconds(5))));
            assertEquals(RecordedPuppetDb.read(RecordedPuppetDb.RECORDING).size(), inventory.exchanges().size(),
                    "every recorded answer, and only those, was asked for");
            assertTrue(inventory.exchanges().stream().allMatch(e -> e.status() == 200), "each question as recorded");
        }
    }

    @Test
    void aQuestionTheInventoryWasNeverAskedIsAnErrorNamingIt() throws Exception {
        try (RecordedPuppetDb inventory = RecordedPuppetDb.replaying(serverContext)) {
            InventoryUnavailableException e = assertThrows(InventoryUnavailableException.class,
                    () -> client(inventory.url(), Duration.ofSeconds(5)).reports("other.recorded.test", 3));
            assertTrue(e.getMessage().startsWith("the inventory at " + inventory.url() + " answered 400 to a query of "
                    + "reports: no recorded answer"), e.getMessage());
        }
    }

    @Test
    void withoutTheClientCertificateTheInventoryRefusesTheConnection() throws Exception {
        try (RecordedPuppetDb inventory = RecordedPuppetDb.replaying(serverContext)) {
            SSLContext trustOnly = TestCertificateAuthority.context(null, ca.certificate());
            PuppetDbQueries anonymous = new PuppetDbQueries(inventory.url(), Duration.ofSeconds(5), () -> trustOnly);
            InventoryUnavailableException e = assertThrows(InventoryUnavailableException.class,
                    () -> anonymous.node(InventoryScenario.WEB));
            assertTrue(e.getMessage().startsWith("cannot reach the inventory at " + inventory.url()), e.getMessage());
            assertTrue(inventory.exchanges().isEmpty(), "nothing was answered");
        }
    }

    @Test
    void missingTlsFilesAreSaidAtTheFirstQuery() {
        PuppetDbQueries misconfigured = new PuppetDbQueries(URI.create("https://localhost:1"), Duration.ofSeconds(1),
                () -> PuppetDbQueries.sslContext(vertx, pki.resolve("nope.pem").toString(),
                        pki.resolve("client-key.pem").toString(), pki.resolve("ca.pem").toString()));
        InventoryUnavailableException e = assertThrows(InventoryUnavailableException.class,
                () -> misconfigured.nodes());
        assertTrue(e.getMessage().startsWith("cannot set up TLS to the inventory at https://localhost:1"),
                e.getMessage());
    }

    @Test
    void anUnreachableInventoryIsNamedWithTheReason() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        PuppetDbQueries unreachable = client(URI.create("https://localhost:" + port), Duration.ofSeconds(5));
        InventoryUnavailableException e = assertThrows(InventoryUnavailableException.class, unreachable::nodes);
        assertEquals("cannot reach the inventory at https://localhost:" + port + ": connection refused",
                e.getMessage());
    }

    @Test
    void anInventoryThatDoesNotAnswerCostsTheTimeoutOnce() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            PuppetDbQueries slow = client(URI.create("https://localhost:" + silent.getLocalPort()),
                    Duration.ofMillis(800));
            long started = System.nanoTime();
            InventoryUnavailableException e = assertThrows(InventoryUnavailableException.class, slow::nodes);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(e.getMessage().contains("https://localhost:" + silent.getLocalPort()), e.getMessage());
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "bounded by the timeout, took " + took);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    /** The inventory's loopback listener: the recorded answer to "every node", over plain HTTP. */
    @Test
    void plainHttpNeedsNoCertificate() throws Exception {
        RecordedPuppetDb.Exchange everyNode = RecordedPuppetDb.read(RecordedPuppetDb.RECORDING).stream()
                .filter(e -> e.path().equals("/pdb/query/v4/nodes")
                        && e.params().get("query").equals("[\"=\",\"node_state\",\"any\"]"))
                .findFirst().orElseThrow();
        com.sun.net.httpserver.HttpServer plain = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        plain.createContext("/pdb/query/v4/nodes", http -> {
            byte[] body = everyNode.answer().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            http.getResponseHeaders().add("Content-Type", "application/json");
            http.sendResponseHeaders(200, body.length);
            http.getResponseBody().write(body);
            http.close();
        });
        plain.start();
        try {
            PuppetDbQueries loopback = new PuppetDbQueries(URI.create("http://127.0.0.1:" + plain.getAddress()
                    .getPort() + "/"), Duration.ofSeconds(5), () -> {
                        throw new AssertionError("no TLS over plain HTTP");
                    });
            assertEquals(java.util.Set.of(InventoryScenario.WEB, InventoryScenario.DB), loopback.nodes().keySet());
        } finally {
            plain.stop(0);
        }
    }

    private static PuppetDbQueries client(URI url, Duration timeout) {
        return new PuppetDbQueries(url, timeout, () -> PuppetDbQueries.sslContext(vertx,
                pki.resolve("client.pem").toString(), pki.resolve("client-key.pem").toString(),
                pki.resolve("ca.pem").toString()));
    }
}
