package io.puppetplane.inventory.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.puppetplane.trust.testing.TestCertificateAuthority;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A CA of the test's own and a server certificate for localhost/127.0.0.1 for the HTTPS listener (client
 * certificates of that CA required, and only {@value #ALLOWED} in the certificate allowlist); the CA directory is
 * {@code puppetplane.test.pki-dir}. PostgreSQL and Kafka come
 * from embedded-infra's {@code PostgresAndKafkaTestResource}.
 */
public class InventoryTestResource implements QuarkusTestResourceLifecycleManager {

    /** The only certificate name in the HTTPS listener's allowlist (Puppet Server's, say). */
    public static final String ALLOWED = "puppet.example.com";

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("inventory-pki");
            TestCertificateAuthority ca = TestCertificateAuthority.createIn(dir, "inventory-test");
            ca.issueServer("localhost", List.of("localhost"), List.of("127.0.0.1")).writeTo(dir, "server");
            Files.writeString(dir.resolve("allowlist"), ALLOWED + "\n");
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
