package io.puppetplane.fileserve.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A mount tree and fileserver.conf for tests: {@code eucakeys} (loopback, except the certname
 * {@value #OUTSIDER}), {@code faraway} (10.0.0.0/8 only, which no loopback client is in) and {@code bynode}
 * ({@code %H} per node; pp_role=nc or enrollment role cc). The base directory is {@code puppetplane.test.mounts-dir}.
 */
public class FileserveMountsResource implements QuarkusTestResourceLifecycleManager {

    public static final String OUTSIDER = "outsider.example.com";
    public static final String CLOUD_CERT = "-----BEGIN CERTIFICATE-----\nnot a real certificate, test bytes\n"
            + "-----END CERTIFICATE-----\n";

    public static String conf(Path base) {
        return """
                # test mounts
                [eucakeys]
                  path %1$s/keys
                  deny %2$s
                  allow 127.0.0.0/8

                [faraway]
                  path %1$s/keys
                  allow 10.0.0.0/8

                [bynode]
                  path %1$s/nodes/%%H
                  allow_ext pp_role=nc
                  allow_role cc
                """.formatted(base, OUTSIDER);
    }

    @Override
    public Map<String, String> start() {
        try {
            Path base = Files.createTempDirectory("test-mounts");
            Files.createDirectories(base.resolve("keys/sub"));
            Files.writeString(base.resolve("keys/cloud-cert.pem"), CLOUD_CERT);
            Files.writeString(base.resolve("keys/node-pk.pem"), "private test bytes\n");
            Files.writeString(base.resolve("keys/sub/extra.txt"), "extra\n");
            Files.writeString(base.resolve("secret.txt"), "outside the mount\n");
            Files.createSymbolicLink(base.resolve("keys/escape"), base.resolve("secret.txt"));
            Path conf = Files.writeString(base.resolve("fileserver.conf"), conf(base));
            return Map.of("puppetplane.test.mounts-dir", base.toString(),
                    "puppetplane.fileserve.config-file", conf.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}
