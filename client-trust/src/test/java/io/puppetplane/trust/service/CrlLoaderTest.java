package io.puppetplane.trust.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.puppetplane.trust.RevocationRegistry;
import io.puppetplane.trust.config.TrustConfig;
import io.puppetplane.trust.testing.TestCertificateAuthority;

class CrlLoaderTest {

    @TempDir
    Path dir;

    @Test
    void crlFileSignedByOurCaRevokesItsSerials() throws Exception {
        TestCertificateAuthority ca = TestCertificateAuthority.createIn(dir.resolve("ca"), "ours");
        var revoked = ca.issueClient("gone.example.com", Map.of());
        var valid = ca.issueClient("kept.example.com", Map.of());
        Path crl = Files.writeString(dir.resolve("crl.pem"), TestCertificateAuthority.pem(ca.crl(List.of(revoked.serial()))));
        RevocationRegistry registry = new RevocationRegistry();

        boolean loaded = new CrlLoader(fileConfig(crl), registry, Optional.of(dir.resolve("ca/ca.pem"))).loadOnce();

        assertTrue(loaded, "the CRL is applied");
        assertTrue(registry.isRevoked(revoked.serial()), "listed serial is revoked");
        assertFalse(registry.isRevoked(valid.serial()), "other serials are not");
        assertTrue(registry.crlLoadedAt().isPresent(), "load time recorded for readiness");
    }

    @Test
    void crlOfAnotherCaIsIgnored() throws Exception {
        TestCertificateAuthority ours = TestCertificateAuthority.createIn(dir.resolve("ours"), "ours");
        TestCertificateAuthority other = TestCertificateAuthority.createIn(dir.resolve("other"), "ours");
        var victim = ours.issueClient("victim.example.com", Map.of());
        // same subject as our CA, different key: only the signature tells them apart
        Path crl = Files.writeString(dir.resolve("crl.pem"), TestCertificateAuthority.pem(other.crl(List.of(victim.serial()))));
        RevocationRegistry registry = new RevocationRegistry();

        boolean loaded = new CrlLoader(fileConfig(crl), registry, Optional.of(dir.resolve("ours/ca.pem"))).loadOnce();

        assertFalse(loaded, "a CRL not signed by our CA must not count");
        assertFalse(registry.isRevoked(victim.serial()), "nothing revoked by a forged CRL");
        assertFalse(registry.crlLoadedAt().isPresent(), "still waiting for a real CRL");
    }

    @Test
    void unreachableCrlUrlIsAFailureToRetry() {
        RevocationRegistry registry = new RevocationRegistry();
        CrlLoader loader = new CrlLoader(urlConfig(URI.create("http://127.0.0.1:9/crl")), registry, Optional.empty());

        assertFalse(loader.loadOnce(), "nothing loaded");
        assertTrue(loader.lastFailure().contains("127.0.0.1:9"), loader.lastFailure());
    }

    private static TrustConfig fileConfig(Path file) {
        return config(Optional.empty(), Optional.of(file));
    }

    private static TrustConfig urlConfig(URI url) {
        return config(Optional.of(url), Optional.empty());
    }

    private static TrustConfig config(Optional<URI> url, Optional<Path> file) {
        return new TrustConfig() {
            @Override
            public Optional<URI> crlUrl() {
                return url;
            }

            @Override
            public Optional<Path> crlFile() {
                return file;
            }

            @Override
            public Duration crlRetryInterval() {
                return Duration.ofMillis(100);
            }

            @Override
            public Duration crlRefreshInterval() {
                return Duration.ofMinutes(5);
            }

            @Override
            public Events events() {
                return new Events() {
                    @Override
                    public boolean enabled() {
                        return false;
                    }

                    @Override
                    public String topic() {
                        return "unused";
                    }
                };
            }
        };
    }
}
