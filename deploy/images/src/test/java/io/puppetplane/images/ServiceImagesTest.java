package io.puppetplane.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.puppetplane.infra.EmbeddedKafka;
import io.puppetplane.infra.EmbeddedPostgresServer;

/**
 * Every service's image, built by {@link ServiceImageBuilder} on a JDK base image given as a local tar, is named as
 * the Helm chart expects and boots: its layers unpacked and its entrypoint run under chroot (no container runtime
 * here) with the environment the chart gives it, against real PostgreSQL and Kafka on loopback, until
 * {@code /q/health/ready} answers UP. The other services get their server certificates as the chart's init
 * containers do: from the ca image's own {@code /deployments/bin/puppetplane-ca issue-service-cert}. catalog-service's
 * image carries a class-data archive trained by the image's own JVM at build, and boots with {@code -Xshare:on}.
 */
class ServiceImagesTest {

    /** Ports of their own, so a local plane on the default ports does not collide. */
    private static final int OFFSET = 20000;
    private static final Path HOME = Path.of("../..").toAbsolutePath().normalize();
    private static final Path WORK = Path.of("target/image-test").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final Map<ServiceImage, ImageRootfs> IMAGES = new LinkedHashMap<>();
    private static final List<Process> RUNNING = new ArrayList<>();
    private static final Map<ServiceImage, Long> STARTED = new LinkedHashMap<>();
    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void buildImages() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "booting an image needs chroot and a /proc mount, so root (CI runs as root)");
        for (ServiceImage service : ServiceImage.values()) {
            assumeTrue(Files.exists(service.application(HOME)), service.module() + " is not packaged");
        }
        HostCommand.run(Path.of("."), "rm", "-rf", WORK.resolve("boot").toString()); // rootfs: ImageRootfs.unpack
        Files.createDirectories(WORK);
        Path base = LocalJreBaseImage.build(WORK);
        ServiceImageBuilder builder = new ServiceImageBuilder("tar://" + base, WORK.resolve("jib-cache"),
                System.out::println);
        for (ServiceImage service : ServiceImage.values()) {
            Path tar = WORK.resolve(service.module() + ".tar");
            builder.build(service, HOME, service.reference(repository(), tag()), tar, true);
            IMAGES.put(service, ImageRootfs.unpack(tar, WORK.resolve("rootfs").resolve(service.module())));
        }
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (Process p : RUNNING) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        for (ImageRootfs root : IMAGES.values()) {
            root.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void imagesCarryTheNamesTheHelmChartDeploysByDefault() throws Exception {
        String values = Files.readString(HOME.resolve("helm/puppetplane/values.yaml"));
        assertEquals(repository(), yamlValue(values, "repository"), "the chart's image.repository is the build's");
        assertEquals(tag(), yamlValue(values, "tag"), "the chart's image.tag is the build's");
        for (Map.Entry<ServiceImage, ImageRootfs> image : IMAGES.entrySet()) {
            ImageRootfs root = image.getValue();
            assertEquals(List.of(image.getKey().reference(repository(), tag())), root.repoTags(),
                    "the image is tagged as the chart names it (" + image.getKey().module() + ")");
            assertEquals(ServiceImageBuilder.USER, root.config().path("User").asText(), "runs as a non-root uid");
            assertTrue(Files.isRegularFile(root.root().resolve(image.getKey().jarInImage().substring(1))),
                    "the application is in the image");
            assertEquals(image.getKey().trainable(), Files.isRegularFile(root.root().resolve(image.getKey()
                    .archiveInImage().substring(1))), image.getKey().module() + ": a class-data archive trained at "
                    + "build exactly when the service is trainable");
        }
    }

    @Test
    void everyImageBootsUntilReadyWithTheChartsEnvironment() throws Exception {
        Path boot = Files.createDirectories(WORK.resolve("boot"));
        postgres = EmbeddedPostgresServer.start(boot.resolve("postgres"), OFFSET + 5432);
        postgres.ensureDatabase("ca");
        postgres.ensureDatabase("enrollment");
        postgres.ensureDatabase("inventory");
        kafka = EmbeddedKafka.start(boot.resolve("kafka"), OFFSET + 9092);

        ImageRootfs ca = IMAGES.get(ServiceImage.CA);
        ca.writableDirectory("/ca");
        ca.writableDirectory("/tls-out"); // the chart's emptyDir for the init container
        Map<String, String> caEnv = common(ServiceImage.CA);
        caEnv.putAll(database("ca"));
        caEnv.put("PUPPETPLANE_CA_DIR", "/ca");
        caEnv.put("PUPPETPLANE_CA_SERVER_NAMES", "localhost,127.0.0.1,ca-service");
        caEnv.put("PUPPETPLANE_CA_AUTOSIGN_CIDRS", "");
        start(ServiceImage.CA, ca, caEnv, boot);
        awaitReady(ServiceImage.CA, boot);

        Map<ServiceImage, ImageRootfs> others = new LinkedHashMap<>();
        for (ServiceImage service : List.of(ServiceImage.CATALOG, ServiceImage.FILESERVE, ServiceImage.ENROLLMENT,
                ServiceImage.INVENTORY)) {
            ImageRootfs root = IMAGES.get(service);
            issueServerCertificate(ca, service, root, boot);
            others.put(service, root);
        }

        Path code = Files.createDirectories(others.get(ServiceImage.CATALOG).root().resolve("code"));
        HostCommand.run(boot, "cp", "-r", HOME.resolve("deploy/local/example-code").toString() + "/.",
                code.toString());
        Map<String, String> catalog = withTls(common(ServiceImage.CATALOG));
        catalog.put("PUPPETPLANE_CATALOG_CODEDIR", "/code");
        catalog.put("PUPPETPLANE_CATALOG_FILESERVE_SERVER", "localhost:" + port(ServiceImage.FILESERVE));
        catalog.put("PUPPETPLANE_TRUST_CRL_URL", caUrl() + "/puppet-ca/v1/certificate_revocation_list/ca");
        // the chart's javaOptions, plus -Xshare:on: the JVM refuses to start unless the trained archive maps
        catalog.put("JAVA_OPTS_APPEND", ServiceImage.CATALOG.jvmOptions(HOME) + " -Xshare:on");
        start(ServiceImage.CATALOG, others.get(ServiceImage.CATALOG), catalog, boot);

        Map<String, String> fileserve = withTls(common(ServiceImage.FILESERVE));
        fileserve.put("PUPPETPLANE_FILESERVE_CONFIG_FILE", "/etc/puppetplane/fileserver.conf");
        fileserve.put("PUPPETPLANE_TRUST_CRL_URL", caUrl() + "/puppet-ca/v1/certificate_revocation_list/ca");
        start(ServiceImage.FILESERVE, others.get(ServiceImage.FILESERVE), fileserve, boot);

        Map<String, String> enrollment = withTls(common(ServiceImage.ENROLLMENT));
        enrollment.putAll(database("enrollment"));
        enrollment.put("QUARKUS_HTTP_PORT", String.valueOf(port(ServiceImage.ENROLLMENT)));
        enrollment.put("PUPPETPLANE_ENROLLMENT_CA_URL", caUrl());
        enrollment.put("PUPPETPLANE_ENROLLMENT_OPERATORS_BOOTSTRAP_ADMIN_NAME", "admin");
        enrollment.put("PUPPETPLANE_ENROLLMENT_OPERATORS_BOOTSTRAP_ADMIN_PASSWORD", "image-test-admin-pw");
        enrollment.put("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY", "an-image-test-session-key-of-32-chars");
        start(ServiceImage.ENROLLMENT, others.get(ServiceImage.ENROLLMENT), enrollment, boot);

        Map<String, String> inventory = withTls(common(ServiceImage.INVENTORY));
        inventory.putAll(database("inventory"));
        // PuppetDB's plain port is loopback-only; here it must not collide with anything the test runs
        inventory.put("QUARKUS_HTTP_PORT", String.valueOf(OFFSET + 8080));
        start(ServiceImage.INVENTORY, others.get(ServiceImage.INVENTORY), inventory, boot);

        for (ServiceImage service : others.keySet()) {
            awaitReady(service, boot);
        }
        for (Process p : RUNNING) {
            p.destroy(); // SIGTERM, as Kubernetes stops a pod
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "a service stops on SIGTERM within 60 s");
        }
    }

    /** As the chart's init container: the ca image's CLI asks the running CA for the pod's certificate. */
    private static void issueServerCertificate(ImageRootfs ca, ServiceImage service, ImageRootfs into, Path boot)
            throws Exception {
        Path log = boot.resolve(service.module() + "-tls.log");
        Process cli = ca.start(Map.of("PUPPETPLANE_CA_URL", caUrl(), "PUPPETPLANE_CA_DIR", "/ca"), log,
                "/deployments/bin/puppetplane-ca", "issue-service-cert", service.module(), "--dns", "localhost",
                "--dns", service.module(), "--ip", "127.0.0.1", "--out", "/tls-out/" + service.module());
        assertTrue(cli.waitFor(120, TimeUnit.SECONDS), "the CA CLI finishes");
        assertEquals(0, cli.exitValue(), "issue-service-cert in the ca image: " + Files.readString(log));
        Path tls = Files.createDirectories(into.root().resolve("tls"));
        HostCommand.run(boot, "cp", "-r", ca.root().resolve("tls-out/" + service.module()) + "/.",
                tls.toString());
        HostCommand.run(boot, "chown", "-R", ServiceImageBuilder.USER, tls.toString());
    }

    private static void start(ServiceImage service, ImageRootfs root, Map<String, String> env, Path boot)
            throws IOException, InterruptedException {
        STARTED.put(service, System.nanoTime());
        RUNNING.add(root.start(env, boot.resolve(service.module() + ".log")));
    }

    private static void awaitReady(ServiceImage service, Path boot) throws Exception {
        URI ready = URI.create("http://127.0.0.1:" + managementPort(service) + "/q/health/ready");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    assertTrue(r.body().contains("\"UP\""), "ready means UP: " + r.body());
                    System.out.printf("image %s: ready under chroot %.1f s after its start%n", service.module(),
                            (System.nanoTime() - STARTED.get(service)) / 1e9);
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        fail(service.module() + " image never became ready (" + last + "); its log:\n"
                + Files.readString(boot.resolve(service.module() + ".log")));
    }

    private static Map<String, String> common(ServiceImage service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("QUARKUS_MANAGEMENT_HOST", "0.0.0.0");
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort(service)));
        if (service != ServiceImage.ENROLLMENT) {
            env.put("QUARKUS_HTTP_SSL_PORT", String.valueOf(port(service)));
        }
        return env;
    }

    private static Map<String, String> withTls(Map<String, String> env) {
        env.put("PUPPETPLANE_TLS_CERT_FILE", "/tls/cert.pem");
        env.put("PUPPETPLANE_TLS_KEY_FILE", "/tls/key.pem");
        env.put("PUPPETPLANE_TLS_CA_FILE", "/tls/ca.pem");
        return env;
    }

    private static Map<String, String> database(String name) {
        return Map.of("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(name),
                "QUARKUS_DATASOURCE_USERNAME", EmbeddedPostgresServer.USER, "QUARKUS_DATASOURCE_PASSWORD", "");
    }

    private static int port(ServiceImage service) {
        return OFFSET + service.ports().get(0);
    }

    private static int managementPort(ServiceImage service) {
        return OFFSET + service.ports().get(1);
    }

    private static String caUrl() {
        return "https://localhost:" + port(ServiceImage.CA);
    }

    private static String repository() {
        return System.getProperty("image.repository", "puppetplane");
    }

    private static String tag() {
        return System.getProperty("image.tag", "0.1.0");
    }

    /** The first {@code key: value} of the chart's values (the image block comes first). */
    private static String yamlValue(String yaml, String key) {
        Matcher m = Pattern.compile("(?m)^\\s+" + key + ":\\s*\"?([^\"\\s]+)\"?").matcher(yaml);
        assertTrue(m.find(), key + " is in values.yaml");
        return m.group(1);
    }
}
