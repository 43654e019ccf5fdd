package io.puppetplane.enrollment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.puppetplane.infra.EmbeddedPostgresServer;
import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.puppetplane.trust.testing.TestCertificateAuthority;

/**
 * The real inventory-service, its packaged application run as a process on this test JVM's PostgreSQL (a database
 * of its own) and Kafka, as the plane runs it: HTTPS with client certificates of a test CA on a free port, its plain
 * loopback listener and management port on others. {@link #pki()} holds the CA ({@code ca.pem}), the inventory's
 * server certificate ({@code server.pem}) and a client certificate for enrollment-service ({@code client.pem},
 * {@code client-key.pem}).
 */
public final class InventoryServiceProcess implements AutoCloseable {

    /** inventory-service's fast-jar, built before this module (its pom's build-order dependency). */
    public static final Path JAR = Path.of("../inventory-service/target/quarkus-app/quarkus-run.jar");

    private final Process process;
    private final Path pki;
    private final Path log;
    private final int httpsPort;
    private final int plainPort;

    private InventoryServiceProcess(Process process, Path pki, Path log, int httpsPort, int plainPort) {
        this.process = process;
        this.pki = pki;
        this.log = log;
        this.httpsPort = httpsPort;
        this.plainPort = plainPort;
    }

    /**
     * Starts the inventory on database {@code database} with {@code config} over its defaults (topics, consumer
     * group…) and waits until it is ready.
     */
    public static InventoryServiceProcess start(String database, Map<String, String> config) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("inventory-service is not packaged (" + JAR.toAbsolutePath() + "); build "
                    + "it first: ./mvnw -B -o package -DskipTests -pl inventory-service -am");
        }
        try {
            Path dir = Files.createTempDirectory("enrollment-inventory");
            Path pki = dir.resolve("pki");
            TestCertificateAuthority ca = TestCertificateAuthority.createIn(pki, "enrollment-test");
            ca.issueServer("localhost", List.of("localhost"), List.of("127.0.0.1")).writeTo(pki, "server");
            ca.issueClient("enrollment-service", Map.of()).writeTo(pki, "client");

            EmbeddedPostgresServer pg = PostgresAndKafkaTestResource.postgres();
            pg.ensureDatabase(database);
            int https = freePort();
            int plain = freePort();
            int management = freePort();
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("quarkus.http.host", "127.0.0.1");
            settings.put("quarkus.http.ssl-port", String.valueOf(https));
            settings.put("quarkus.http.port", String.valueOf(plain));
            settings.put("quarkus.management.port", String.valueOf(management));
            settings.put("quarkus.datasource.jdbc.url", pg.jdbcUrl(database));
            settings.put("quarkus.datasource.username", EmbeddedPostgresServer.USER);
            settings.put("quarkus.datasource.password", "");
            settings.put("kafka.bootstrap.servers", PostgresAndKafkaTestResource.kafka().bootstrapServers());
            settings.put("puppetplane.tls.ca-file", pki.resolve("ca.pem").toString());
            settings.put("puppetplane.tls.cert-file", pki.resolve("server.pem").toString());
            settings.put("puppetplane.tls.key-file", pki.resolve("server-key.pem").toString());
            settings.putAll(config);

            List<String> command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-XX:TieredStopAtLevel=1"));
            settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
            Path log = dir.resolve("inventory-service.log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            InventoryServiceProcess inventory = new InventoryServiceProcess(process, pki, log, https, plain);
            inventory.awaitReady(management);
            return inventory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create the inventory's database " + database, e);
        }
    }

    /** The PuppetDB API over HTTPS (client certificate required), as the plane's services reach it. */
    public URI httpsUrl() {
        return URI.create("https://localhost:" + httpsPort);
    }

    /** The same API on the loopback plain-HTTP listener, for the tests' own looks. */
    public URI plainUrl() {
        return URI.create("http://127.0.0.1:" + plainPort);
    }

    public Path pki() {
        return pki;
    }

    /** The configuration that makes enrollment-service ask this inventory with its client certificate. */
    public Map<String, String> enrollmentConfig() {
        return Map.of("puppetplane.enrollment.inventory.url", httpsUrl().toString(),
                "puppetplane.tls.cert-file", pki.resolve("client.pem").toString(),
                "puppetplane.tls.key-file", pki.resolve("client-key.pem").toString(),
                "puppetplane.tls.ca-file", pki.resolve("ca.pem").toString());
    }

    /** A GET of the PuppetDB API on the loopback listener: the body of a 200, else an AssertionError. */
    public String get(String pathAndQuery) {
        HttpResponse<String> r = send(pathAndQuery);
        if (r.statusCode() != 200) {
            throw new AssertionError("the inventory answered " + r.statusCode() + " to " + pathAndQuery + ": "
                    + r.body());
        }
        return r.body();
    }

    /** The body of a 200 answer, or "" (for waiting until the inventory knows something: 404 until then). */
    public String getOrEmpty(String pathAndQuery) {
        HttpResponse<String> r = send(pathAndQuery);
        return r.statusCode() == 200 ? r.body() : "";
    }

    private HttpResponse<String> send(String pathAndQuery) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(plainUrl() + pathAndQuery)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(int managementPort) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("inventory-service exited with " + process.exitValue() + ":\n"
                        + logTail());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                        + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("inventory-service was not ready within 120 s:\n" + logTail());
    }

    /** The end of the inventory's log, for a failure's message. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
