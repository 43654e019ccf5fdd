package io.puppetplane.inventory.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.puppetplane.trust.testing.TestCertificateAuthority;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A CA of the test's own and a server certificate for localhost/127.0.0.1 for the HTTPS listener (client
 * certificates of that CA required, and only {@value #ALLOWED} and the {@link #MASTERLESS_NODES} in the certificate
 * allowlist); the CA directory is {@code puppetplane.test.pki-dir}. PostgreSQL and Kafka come
 * from embedded-infra's {@code PostgresAndKafkaTestResource}.
 */
public class InventoryTestResource implements QuarkusTestResourceLifecycleManager {

    /** A Puppet Server's certificate name in the HTTPS listener's allowlist. */
    public static final String ALLOWED = "puppet.example.com";

    /**
     * Nodes that run {@code puppet apply} with the terminus and so reach the service with their own certificates,
     * which a masterless setup lists in the allowlist too (PuppetTerminusTest's).
     */
    public static final List<String> MASTERLESS_NODES = List.of("web1", "lb1");

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("inventory-pki");
            TestCertificateAuthority ca = TestCertificateAuthority.createIn(dir, "inventory-test");
            ca.issueServer("localhost", List.of("localhost"), List.of("127.0.0.1")).writeTo(dir, "server");
            Files.write(dir.resolve("allowlist"), Stream.concat(Stream.of(ALLOWED), MASTERLESS_NODES.stream()).toList());
            return Map.of(
                    "puppetplane.inventory.certificate-allowlist", dir.resolve("allowlist").toString(),
                    "puppetplane.test.pki-dir", dir.toString(),
                    "puppetplane.tls.ca-file", dir.resolve("ca.pem").toString(),
                    "puppetplane.tls.cert-file", dir.resolve("server.pem").toString(),
                    "puppetplane.tls.key-file", dir.resolve("server-key.pem").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}
