package io.puppetplane.images;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Trains a service's class-data archive with the image's own JVM while the image is built, as deploy/local trains one
 * per build: the image is unpacked and its service started under chroot with {@code -XX:ArchiveClassesAtExit} until it
 * is live, then stopped with SIGTERM, when the JVM writes every class it loaded. An archive only serves the exact JVM
 * and jar it was made with, so it cannot be made with the build machine's JVM; chroot needs root, so without it the
 * image is built untrained (and starts as deploy/local's first start does). Start-up only: no Kafka, no requests.
 */
final class ClassDataTraining {

    private static final Duration LIVE_WITHIN = Duration.ofSeconds(120);

    private ClassDataTraining() {
    }

    /** The archive trained from {@code imageTar}, written to {@code work}; fails with the service's log. */
    static Path train(ServiceImage service, Path imageTar, Path work, String jvmOptions, Consumer<String> log)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        Files.deleteIfExists(work.resolve(service.module() + ".jsa")); // an earlier build's
        try (ImageRootfs image = ImageRootfs.unpack(imageTar, work.resolve("image"))) {
            Path training = Files.createDirectories(image.root().resolve("training/code"));
            writeSelfSignedCertificate(training.getParent());
            training = image.writableDirectory("/training");
            int management = freePort();
            Map<String, String> env = new LinkedHashMap<>();
            env.put("PUPPETPLANE_TLS_CERT_FILE", "/training/cert.pem");
            env.put("PUPPETPLANE_TLS_KEY_FILE", "/training/key.pem");
            env.put("PUPPETPLANE_TLS_CA_FILE", "/training/cert.pem");
            env.put("PUPPETPLANE_CATALOG_CODEDIR", "/training/code");
            env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9"); // nothing listens: start-up needs no broker
            env.put("QUARKUS_HTTP_SSL_PORT", String.valueOf(freePort()));
            env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(management));
            env.put("JAVA_OPTS_APPEND", jvmOptions + " -XX:ArchiveClassesAtExit=/training/app.jsa"
                    + " -Xlog:cds=off,cds+dynamic=off");
            Path serviceLog = work.resolve("training.log");
            long began = System.nanoTime();
            Process running = image.start(env, serviceLog);
            try {
                awaitLive(management, running, serviceLog);
            } finally {
                running.destroy(); // SIGTERM: the JVM writes the archive as it exits
                if (!running.waitFor(60, TimeUnit.SECONDS)) {
                    running.destroyForcibly();
                }
            }
            Path archive = training.resolve("app.jsa");
            if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
                throw new IOException("training wrote no class-data archive; the service's log:\n"
                        + Files.readString(serviceLog));
            }
            Path kept = Files.copy(archive, work.resolve(service.module() + ".jsa"));
            log.accept(String.format("%s: class-data archive trained by the image's JVM in %.1f s (%d MB)",
                    service.module(), (System.nanoTime() - began) / 1e9, Files.size(kept) >> 20));
            return kept;
        }
    }

    private static void awaitLive(int management, Process service, Path serviceLog)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + LIVE_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IOException("the service exited during training; its log:\n" + Files.readString(serviceLog));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + management
                        + "/q/health/live").toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IOException("the service was not live within " + LIVE_WITHIN.toSeconds() + " s; its log:\n"
                + Files.readString(serviceLog));
    }

    /** A throwaway server certificate: HTTPS must start for its classes to be in the archive. */
    private static void writeSelfSignedCertificate(Path dir) throws IOException {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            KeyPair key = rsa.generateKeyPair();
            X500Name name = new X500Name("CN=localhost");
            Instant now = Instant.now();
            var holder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(Duration.ofDays(1))), name, key.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate()));
            Files.writeString(dir.resolve("cert.pem"), pem(holder));
            Files.writeString(dir.resolve("key.pem"), pem(new JcaPKCS8Generator(key.getPrivate(), null)));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("could not make the training certificate: " + e.getMessage(), e);
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
