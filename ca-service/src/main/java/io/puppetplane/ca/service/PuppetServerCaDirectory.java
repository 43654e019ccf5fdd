package io.puppetplane.ca.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;

/**
 * Reads a Puppet Server CA directory: {@code ca_crt.pem} (the CA, or a bundle with the signing CA first),
 * {@code ca_key.pem}, and when present {@code ca_crl.pem}, {@code serial} (the next serial, hex),
 * {@code inventory.txt} ({@code 0x0003 <from> <to> /CN=name}) and {@code signed/<name>.pem}.
 */
public final class PuppetServerCaDirectory {

    /** A certificate the old CA issued; {@code certificate} is empty when only the inventory knows it. */
    public record IssuedCertificate(BigInteger serial, String certname, Optional<X509Certificate> certificate) {
    }

    /** A revocation listed in the old CA's CRL. */
    public record Revocation(BigInteger serial, Instant revokedAt) {
    }

    /** Everything read from the directory. */
    public record Contents(CaKeyMaterial ca, List<IssuedCertificate> issued, List<Revocation> revoked,
            BigInteger nextSerial, BigInteger nextCrlNumber) {
    }

    private final Path dir;

    public PuppetServerCaDirectory(Path dir) {
        this.dir = dir;
    }

    /** Copies the CA certificate and key into {@code target} and the whole directory into its import area. */
    public void copyInto(CaDirectory target) {
        if (!Files.isRegularFile(dir.resolve("ca_crt.pem")) || !Files.isRegularFile(dir.resolve("ca_key.pem"))) {
            throw new IllegalArgumentException(dir + " is not a Puppet Server CA directory (ca_crt.pem and "
                    + "ca_key.pem are required)");
        }
        read(); // refuse a directory we cannot fully read before anything is copied
        try {
            Files.createDirectories(target.importedDir());
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.toList()) {
                    Path to = target.importedDir().resolve(dir.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            CaDirectory.writePrivate(target.caKeyFile(), Files.readString(dir.resolve("ca_key.pem")));
            CaDirectory.write(target.caCertFile(), Files.readString(dir.resolve("ca_crt.pem")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + dir + " into " + target.root(), e);
        }
    }

    public Contents read() {
        try {
            X509Certificate caCert = PemCodec.readCertificate(Files.readString(dir.resolve("ca_crt.pem")));
            CaKeyMaterial ca = new CaKeyMaterial(caCert,
                    PemCodec.readPrivateKey(Files.readString(dir.resolve("ca_key.pem"))));
            if (!caCert.getPublicKey().equals(publicKeyOf(ca))) {
                throw new IllegalArgumentException("ca_key.pem does not belong to ca_crt.pem in " + dir);
            }
            Map<BigInteger, IssuedCertificate> issued = new HashMap<>();
            for (IssuedCertificate entry : inventory()) {
                issued.put(entry.serial(), entry);
            }
            Path signed = dir.resolve("signed");
            if (Files.isDirectory(signed)) {
                try (Stream<Path> files = Files.list(signed)) {
                    for (Path p : files.filter(f -> f.toString().endsWith(".pem")).sorted().toList()) {
                        X509Certificate cert = PemCodec.readCertificate(Files.readString(p));
                        String name = p.getFileName().toString().replaceFirst("\\.pem$", "");
                        issued.put(cert.getSerialNumber(),
                                new IssuedCertificate(cert.getSerialNumber(), name, Optional.of(cert)));
                    }
                }
            }
            List<Revocation> revoked = new ArrayList<>();
            BigInteger nextCrlNumber = BigInteger.ONE;
            Path crlFile = dir.resolve("ca_crl.pem");
            if (Files.isRegularFile(crlFile)) {
                for (X509CRL crl : PemCodec.readCrls(Files.readString(crlFile))) {
                    if (!crl.getIssuerX500Principal().equals(caCert.getSubjectX500Principal())) {
                        continue; // a root CA's CRL in an intermediate setup
                    }
                    nextCrlNumber = nextCrlNumber.max(crlNumber(crl).add(BigInteger.ONE));
                    if (crl.getRevokedCertificates() != null) {
                        for (X509CRLEntry e : crl.getRevokedCertificates()) {
                            revoked.add(new Revocation(e.getSerialNumber(), e.getRevocationDate().toInstant()));
                        }
                    }
                }
            }
            BigInteger maxSerial = issued.keySet().stream().max(BigInteger::compareTo).orElse(BigInteger.ONE);
            BigInteger next = maxSerial.add(BigInteger.ONE);
            Path serialFile = dir.resolve("serial");
            if (Files.isRegularFile(serialFile)) {
                next = next.max(new BigInteger(Files.readString(serialFile).trim(), 16));
            }
            return new Contents(ca, List.copyOf(issued.values()), revoked, next, nextCrlNumber);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the serial file in " + dir + " is not hexadecimal", e);
        }
    }

    private List<IssuedCertificate> inventory() throws IOException {
        Path file = dir.resolve("inventory.txt");
        List<IssuedCertificate> entries = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return entries;
        }
        for (String line : Files.readAllLines(file)) {
            String[] parts = line.trim().split("\\s+", 4);
            if (parts.length == 4 && parts[0].startsWith("0x") && parts[3].startsWith("/CN=")) {
                entries.add(new IssuedCertificate(new BigInteger(parts[0].substring(2), 16), parts[3].substring(4),
                        Optional.empty()));
            }
        }
        return entries;
    }

    private static java.security.PublicKey publicKeyOf(CaKeyMaterial ca) {
        // Derive the public key by signing a probe with the private key and verifying it with the certificate.
        try {
            java.security.Signature signer = java.security.Signature.getInstance(ca.signatureAlgorithm());
            signer.initSign(ca.privateKey());
            byte[] probe = "puppetplane-import-probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            signer.update(probe);
            byte[] signature = signer.sign();
            java.security.Signature verifier = java.security.Signature.getInstance(ca.signatureAlgorithm());
            verifier.initVerify(ca.certificate().getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature) ? ca.certificate().getPublicKey() : null;
        } catch (java.security.GeneralSecurityException e) {
            return null;
        }
    }

    private static BigInteger crlNumber(X509CRL crl) {
        byte[] ext = crl.getExtensionValue(Extension.cRLNumber.getId());
        if (ext == null) {
            return BigInteger.ZERO;
        }
        try {
            return ASN1Integer.getInstance(ASN1Primitive.fromByteArray(DEROctetString.getInstance(ext).getOctets()))
                    .getValue();
        } catch (IOException e) {
            return BigInteger.ZERO;
        }
    }
}
