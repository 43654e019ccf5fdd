package io.puppetplane.ca.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * The CA's key directory, laid out like Puppet Server's ({@code ca_crt.pem}, {@code ca_key.pem}) plus the CA's own
 * HTTPS certificate ({@code server/}) and the operator CLI's client certificate ({@code admin/}). Keys are 0600.
 */
public record CaDirectory(Path root) {

    public Path caCertFile() {
        return root.resolve("ca_crt.pem");
    }

    public Path caKeyFile() {
        return root.resolve("ca_key.pem");
    }

    public Path serverDir() {
        return root.resolve("server");
    }

    public Path adminDir() {
        return root.resolve("admin");
    }

    /** Where a Puppet Server CA directory is copied on import, until its certificates are in the database. */
    public Path importedDir() {
        return root.resolve("imported-puppetserver");
    }

    public boolean hasCa() {
        return Files.isRegularFile(caCertFile()) && Files.isRegularFile(caKeyFile());
    }

    public CaKeyMaterial load() {
        try {
            X509Certificate cert = PemCodec.readCertificate(Files.readString(caCertFile()));
            PrivateKey key = PemCodec.readPrivateKey(Files.readString(caKeyFile()));
            return new CaKeyMaterial(cert, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CA from " + root, e);
        }
    }

    public void save(CaKeyMaterial ca) {
        writePrivate(caKeyFile(), PemCodec.write(ca.privateKey()));
        write(caCertFile(), PemCodec.write(ca.certificate()));
    }

    /** Writes {@code cert.pem}, {@code key.pem} (0600) and {@code ca.pem} into {@code dir}. */
    public static void writeKeyPair(Path dir, X509Certificate cert, PrivateKey key, X509Certificate ca) {
        writePrivate(dir.resolve("key.pem"), PemCodec.write(key));
        write(dir.resolve("cert.pem"), PemCodec.write(cert));
        write(dir.resolve("ca.pem"), PemCodec.write(ca));
    }

    /** Writes via a temporary file and a rename, so a reader never sees half a PEM file. */
    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static void writePrivate(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
