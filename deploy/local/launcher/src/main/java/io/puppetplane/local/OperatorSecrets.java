package io.puppetplane.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The local plane's operator secrets, made at the first start and kept in the state directory (mode 0600): the
 * first admin's password and the key that encrypts dashboard sessions. They reach enrollment-service as a config
 * file rather than on its command line, where every local user could read them.
 */
public record OperatorSecrets(String adminName, String adminPassword, Path configFile, Path passwordFile) {

    static final String ADMIN = "admin";

    public static OperatorSecrets loadOrCreate(Path dir) throws IOException {
        Path config = dir.resolve("enrollment-operators.properties");
        Path passwordFile = dir.resolve("admin-password");
        Properties props = new Properties();
        if (Files.isRegularFile(config)) {
            try (Reader in = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
                props.load(in);
            }
        } else {
            props.setProperty("puppetplane.enrollment.operators.bootstrap-admin-name", ADMIN);
            props.setProperty("puppetplane.enrollment.operators.bootstrap-admin-password", random(18));
            props.setProperty("quarkus.http.auth.session.encryption-key", random(32));
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            writePrivate(config, writer -> props.store(writer, "operator secrets of the local plane"));
        }
        String password = props.getProperty("puppetplane.enrollment.operators.bootstrap-admin-password");
        if (!Files.isRegularFile(passwordFile)) {
            writePrivate(passwordFile, writer -> writer.write(password + "\n"));
        }
        return new OperatorSecrets(props.getProperty("puppetplane.enrollment.operators.bootstrap-admin-name", ADMIN),
                password, config, passwordFile);
    }

    /** The Authorization header of HTTP Basic for the first admin, for API calls. */
    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((adminName + ":" + adminPassword)
                .getBytes(StandardCharsets.UTF_8));
    }

    private interface Content {
        void writeTo(Writer writer) throws IOException;
    }

    private static void writePrivate(Path file, Content content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            content.writeTo(out);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
