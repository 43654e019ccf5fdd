package io.puppetplane.trust.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away Puppet-style CA for tests: RSA keys, SHA-256 signatures, client and server certificates with SANs and
 * Puppet extensions (DER UTF8String values, as Puppet Server signs them), and CRLs. Its files live in one directory
 * ({@code ca.pem}, {@code ca-key.pem}) so a Quarkus test resource and the test itself can share it.
 */
public final class TestCertificateAuthority {

    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() & 0xFFFFFFFFL);

    private final X509Certificate certificate;
    private final PrivateKey key;

    private TestCertificateAuthority(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    /** A new CA named {@code Puppet CA: <name>}, written to {@code dir/ca.pem} and {@code dir/ca-key.pem}. */
    public static TestCertificateAuthority createIn(Path dir, String name) {
        try {
            KeyPair pair = rsa();
            X500Name subject = new X500Name("CN=Puppet CA: " + name);
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), subject,
                    pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate cert = convert(builder.build(signer(pair.getPrivate())));
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("ca.pem"), pem(cert));
            Files.writeString(dir.resolve("ca-key.pem"), pem(pair.getPrivate()));
            return new TestCertificateAuthority(cert, pair.getPrivate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CA that {@link #createIn} wrote to {@code dir}. */
    public static TestCertificateAuthority loadFrom(Path dir) {
        try (Reader certReader = Files.newBufferedReader(dir.resolve("ca.pem"));
                PEMParser certParser = new PEMParser(certReader);
                Reader keyReader = Files.newBufferedReader(dir.resolve("ca-key.pem"));
                PEMParser keyParser = new PEMParser(keyReader)) {
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) certParser.readObject());
            Object keyObject = keyParser.readObject();
            PrivateKey key = keyObject instanceof PEMKeyPair kp ? new JcaPEMKeyConverter().getPrivateKey(kp.getPrivateKeyInfo())
                    : new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) keyObject);
            return new TestCertificateAuthority(cert, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate and key that {@link IssuedCertificate#writeTo} wrote as {@code dir/<name>.pem}. */
    public static IssuedCertificate readIssued(Path dir, String name, X509Certificate ca) {
        try (Reader certReader = Files.newBufferedReader(dir.resolve(name + ".pem"));
                PEMParser certParser = new PEMParser(certReader);
                Reader keyReader = Files.newBufferedReader(dir.resolve(name + "-key.pem"));
                PEMParser keyParser = new PEMParser(keyReader)) {
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) certParser.readObject());
            PrivateKey key = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) keyParser.readObject());
            return new IssuedCertificate(cert, key, ca);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A client certificate for {@code certname} with Puppet extensions keyed by dotted OID. */
    public IssuedCertificate issueClient(String certname, Map<String, String> extensionsByOid) {
        return issue(certname, extensionsByOid, List.of(), List.of(), false);
    }

    /** A server certificate whose SAN holds {@code dnsNames} and {@code ipAddresses}. */
    public IssuedCertificate issueServer(String certname, List<String> dnsNames, List<String> ipAddresses) {
        return issue(certname, Map.of(), dnsNames, ipAddresses, true);
    }

    /** A certificate usable for both ends (agents' certificates carry both purposes too). */
    public IssuedCertificate issue(String certname, Map<String, String> extensionsByOid, List<String> dnsNames,
            List<String> ipAddresses, boolean server) {
        try {
            KeyPair pair = rsa();
            Instant now = Instant.now();
            BigInteger serial = BigInteger.valueOf(SERIALS.incrementAndGet());
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial,
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))),
                    new X500Name("CN=" + certname), pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate));
            List<GeneralName> names = new ArrayList<>();
            names.add(new GeneralName(GeneralName.dNSName, certname));
            dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
            ipAddresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(GeneralName[]::new)));
            for (Map.Entry<String, String> ext : extensionsByOid.entrySet()) {
                builder.addExtension(new ASN1ObjectIdentifier(ext.getKey()), false, new DERUTF8String(ext.getValue()));
            }
            return new IssuedCertificate(convert(builder.build(signer(key))), pair.getPrivate(), certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CRL of this CA listing {@code revokedSerials}, valid for a year. */
    public X509CRL crl(List<BigInteger> revokedSerials) {
        try {
            Instant now = Instant.now();
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(365))));
            for (BigInteger serial : revokedSerials) {
                builder.addCRLEntry(serial, Date.from(now), CRLReason.keyCompromise);
            }
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
            return new JcaX509CRLConverter().getCRL(builder.build(signer(key)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM text of a certificate, CRL or private key (keys as PKCS#8). */
    public static String pem(Object object) {
        try (StringWriter out = new StringWriter(); JcaPEMWriter writer = new JcaPEMWriter(out)) {
            if (object instanceof PrivateKey key) {
                writer.writeObject(new JcaPKCS8Generator(key, null));
            } else {
                writer.writeObject(object);
            }
            writer.flush();
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, new SecureRandom());
        return generator.generateKeyPair();
    }

    private static ContentSigner signer(PrivateKey key) throws org.bouncycastle.operator.OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withRSA").build(key);
    }

    private static X509Certificate convert(X509CertificateHolder holder) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    /** A certificate this CA signed, with its key. */
    public record IssuedCertificate(X509Certificate certificate, PrivateKey key, X509Certificate caCertificate) {

        public BigInteger serial() {
            return certificate.getSerialNumber();
        }

        /** Writes {@code <name>.pem} and {@code <name>-key.pem} into {@code dir}; returns the certificate path. */
        public Path writeTo(Path dir, String name) {
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(name + "-key.pem"), pem(key));
                return Files.writeString(dir.resolve(name + ".pem"), pem(certificate));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A TLS client context presenting this certificate and trusting only its CA. */
        public SSLContext clientContext() {
            return context(this, caCertificate);
        }
    }

    /** A TLS context trusting only {@code ca}, presenting {@code identity} if not null. */
    public static SSLContext context(IssuedCertificate identity, X509Certificate ca) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (identity != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("me", identity.key(), new char[0],
                        new java.security.cert.Certificate[] {identity.certificate(), ca});
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, new char[0]);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
