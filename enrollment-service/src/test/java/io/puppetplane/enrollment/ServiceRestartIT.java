package io.puppetplane.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.puppetplane.infra.EmbeddedPostgresServer;
import io.puppetplane.infra.PostgresAndKafkaTestResource;

/**
 * The packaged service as a real process, killed with SIGKILL while its registration command runs and started
 * again on the same PostgreSQL and Kafka: the node must end ready with the command run exactly once.
 */
class ServiceRestartIT {

    private static final String CERTNAME = "10.30.0.1";

    @TempDir
    Path dir;
    private Process service;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stopService() throws InterruptedException {
        if (service != null && service.isAlive()) {
            service.descendants().forEach(ProcessHandle::destroyForcibly);
            service.destroy();
            service.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void serviceKilledDuringRegistrationCompletesTheNodeAfterRestartWithoutRegisteringAgain() throws Exception {
        EmbeddedPostgresServer pg = PostgresAndKafkaTestResource.postgres();
        pg.ensureDatabase("enrollment_restart");
        String kafka = PostgresAndKafkaTestResource.kafka().bootstrapServers();
        Path calls = dir.resolve("euca_conf.calls");
        Path euca = dir.resolve("euca_conf");
        // Records its call, then takes long enough to be killed in the middle.
        Files.writeString(euca, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\nsleep 60\n");
        Files.setPosixFilePermissions(euca, PosixFilePermissions.fromString("rwxr-xr-x"));
        int httpPort = freePort();
        int managementPort = freePort();
        List<String> config = List.of(
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.datasource.jdbc.url=" + pg.jdbcUrl("enrollment_restart"),
                "-Dquarkus.datasource.username=" + EmbeddedPostgresServer.USER,
                "-Dkafka.bootstrap.servers=" + kafka,
                "-Dpuppetplane.enrollment.reconcile.interval=1s",
                "-Dpuppetplane.outbox.poll-interval=1s",
                "-Dpuppetplane.enrollment.operators.bootstrap-admin-password=" + Operators.ADMIN_PASSWORD,
                "-Dpuppetplane.enrollment.registration.commands.nc=" + euca + " --register-nodes {ip} --no-rsync",
                "-Dpuppetplane.enrollment.registration.check-commands.nc=grep -qF -- {ip} '" + calls + "'");

        service = start(config, "first");
        awaitReady(managementPort, "first");
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/v1/nodes"))
                .header("Content-Type", "application/json").header("Authorization", Operators.adminAuthorization())
                .POST(HttpRequest.BodyPublishers.ofString("{\"certname\":\"" + CERTNAME + "\",\"address\":\""
                        + CERTNAME + "\",\"kind\":\"cloud-instance\",\"role\":\"nc\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), "node created: " + created.body());
        EventFeed feed = new EventFeed();
        feed.csrSubmitted(CERTNAME);
        feed.certificateSigned(CERTNAME);
        feed.report(CERTNAME, "changed");

        EventFeed.await(() -> lines(calls) == 1, "the registration command must start", Duration.ofSeconds(90));
        // SIGKILL: no shutdown hook, no rollback from the service itself; the stand-in it started is cleaned up too.
        List<ProcessHandle> children = service.descendants().toList();
        service.destroyForcibly().waitFor();
        children.forEach(ProcessHandle::destroyForcibly);
        assertEquals(1, count(pg, "SELECT count(*) FROM registration_attempt WHERE certname = ? "
                + "AND completed_at IS NULL"), "the kill left an intent without a completion");

        service = start(config, "second");
        awaitReady(managementPort, "second");
        EventFeed.await(() -> state(httpPort).contains("\"state\":\"ready\""),
                "after the restart the node must become ready", Duration.ofSeconds(90));
        assertEquals(1, lines(calls), "the registration command ran exactly once across the kill");
        assertEquals(1, count(pg, "SELECT count(*) FROM node_history WHERE certname = ? AND reason LIKE "
                + "'interrupted registration confirmed%'"), "the check command resolved the interruption");
    }

    private Process start(List<String> config, String name) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m"));
        command.addAll(config);
        command.addAll(List.of("-jar", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("service-" + name + ".log").toFile()).start();
    }

    /** Generous: the machine's CPUs are shared with other builds. */
    private void awaitReady(int managementPort, String name) throws IOException {
        try {
            awaitHealth(managementPort);
        } catch (AssertionError e) {
            List<String> log = Files.readAllLines(dir.resolve("service-" + name + ".log"));
            throw new AssertionError(e.getMessage() + "; service log ends with:\n"
                    + String.join("\n", log.subList(Math.max(0, log.size() - 40), log.size())), e);
        }
    }

    private void awaitHealth(int managementPort) {
        EventFeed.await(() -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                        + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, "the service must become ready", Duration.ofSeconds(120));
    }

    private String state(int httpPort) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/nodes/"
                    + CERTNAME)).header("Authorization", Operators.adminAuthorization()).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static int lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(EmbeddedPostgresServer pg, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("enrollment_restart"),
                EmbeddedPostgresServer.USER, "");
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, CERTNAME);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
