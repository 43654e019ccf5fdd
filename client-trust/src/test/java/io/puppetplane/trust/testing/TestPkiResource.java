package io.puppetplane.trust.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a Quarkus test application a CA of its own, an HTTPS server certificate for localhost/127.0.0.1 and a CRL
 * file that already revokes one client ({@value #REVOKED_IN_CRL}, written as {@code revoked-in-crl.pem}). The
 * directory is published as {@code puppetplane.test.pki-dir}; tests issue further certificates with
 * {@link TestCertificateAuthority#loadFrom(Path)}.
 */
public class TestPkiResource implements QuarkusTestResourceLifecycleManager {

    public static final String REVOKED_IN_CRL = "revoked-in-crl.example.com";

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("test-pki");
            TestCertificateAuthority ca = TestCertificateAuthority.createIn(dir, "test");
            ca.issueServer("localhost", List.of("localhost"), List.of("127.0.0.1")).writeTo(dir, "server");
            TestCertificateAuthority.IssuedCertificate revoked = ca.issueClient(REVOKED_IN_CRL, Map.of());
            revoked.writeTo(dir, "revoked-in-crl");
            Files.writeString(dir.resolve("crl.pem"), TestCertificateAuthority.pem(ca.crl(List.of(revoked.serial()))));
            return Map.of(
                    "puppetplane.test.pki-dir", dir.toString(),
                    "puppetplane.tls.ca-file", dir.resolve("ca.pem").toString(),
                    "quarkus.http.ssl.certificate.files", dir.resolve("server.pem").toString(),
                    "quarkus.http.ssl.certificate.key-files", dir.resolve("server-key.pem").toString(),
                    "puppetplane.trust.crl-file", dir.resolve("crl.pem").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}
