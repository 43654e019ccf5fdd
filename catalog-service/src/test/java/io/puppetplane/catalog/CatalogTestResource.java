package io.puppetplane.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.puppetplane.trust.testing.TestCertificateAuthority;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A PKI made here (CA, server certificate for localhost/127.0.0.1, a CRL revoking {@value #REVOKED_IN_CRL}, all
 * under {@code puppetplane.test.pki-dir}), a code dir for the tests (copied from src/test/resources/code, with the executable external fact made
 * executable again), a private event spool and snapshot dir. Tests find the code dir as
 * {@code puppetplane.catalog.codedir}.
 */
public class CatalogTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String REVOKED_IN_CRL = "revoked-in-crl.example.com";

    @Override
    public Map<String, String> start() {
        try {
            Path work = Files.createTempDirectory("catalog-test");
            Path codedir = work.resolve("code");
            copyTree(Path.of("src/test/resources/code"), codedir);
            // the example site of the local plane, as environment "eucalyptus"
            copyTree(Path.of("../deploy/local/example-code/environments/production"),
                codedir.resolve("environments/eucalyptus"));
            Files.setPosixFilePermissions(
                codedir.resolve("environments/production/modules/demo/facts.d/demo_external.sh"),
                PosixFilePermissions.fromString("rwxr-xr-x"));
            Path pki = work.resolve("pki");
            TestCertificateAuthority ca = TestCertificateAuthority.createIn(pki, "catalog-test");
            ca.issueServer("localhost", List.of("localhost"), List.of("127.0.0.1")).writeTo(pki, "server");
            TestCertificateAuthority.IssuedCertificate revoked = ca.issueClient(REVOKED_IN_CRL, Map.of());
            revoked.writeTo(pki, "revoked-in-crl");
            Files.writeString(pki.resolve("crl.pem"), TestCertificateAuthority.pem(ca.crl(List.of(revoked.serial()))));
            Map<String, String> config = new HashMap<>();
            config.put("puppetplane.catalog.codedir", codedir.toString());
            config.put("puppetplane.catalog.snapshot-dir", work.resolve("snapshots").toString());
            config.put("puppetplane.catalog.spool.dir", work.resolve("spool").toString());
            config.put("puppetplane.test.pki-dir", pki.toString());
            config.put("puppetplane.tls.ca-file", pki.resolve("ca.pem").toString());
            config.put("puppetplane.tls.cert-file", pki.resolve("server.pem").toString());
            config.put("puppetplane.tls.key-file", pki.resolve("server-key.pem").toString());
            config.put("puppetplane.trust.crl-file", pki.resolve("crl.pem").toString());
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }

    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
