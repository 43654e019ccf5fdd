package io.puppetplane.ca.service;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;

import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Creates a new self-signed root CA with Puppet Server's CA certificate profile. */
public final class CaCertificateFactory {

    static final String COMMENT = "Puppet Server Internal Certificate";

    private CaCertificateFactory() {
    }

    public static KeyPair generateKeyPair(String keyType, int keySize) {
        try {
            String type = keyType.toUpperCase(Locale.ROOT);
            KeyPairGenerator generator;
            switch (type) {
                case "RSA" -> {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(keySize);
                }
                case "EC" -> {
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec(keySize > 256 ? "secp384r1" : "secp256r1"));
                }
                default -> throw new IllegalArgumentException("key type must be RSA or EC, not " + keyType);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot generate a " + keyType + " key of size " + keySize + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * A self-signed CA certificate, {@code CN=Puppet CA: <name>}, serial 1, valid from one day before {@code now}
     * (clock skew) for {@code ttl}.
     */
    public static CaKeyMaterial create(String name, String keyType, int keySize, Duration ttl, Instant now) {
        KeyPair keys = generateKeyPair(keyType, keySize);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "Puppet CA: " + name).build();
        Instant notBefore = now.minus(Duration.ofDays(1));
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
                    Date.from(notBefore), Date.from(now.plus(ttl)), subject, keys.getPublic())
                    .addExtension(new ASN1ObjectIdentifier(PuppetOids.NETSCAPE_COMMENT), false, new DERIA5String(COMMENT))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder(CaKeyMaterial.signatureAlgorithm(keys.getPrivate()))
                            .build(keys.getPrivate())));
            return new CaKeyMaterial(cert, keys.getPrivate());
        } catch (CertIOException | CertificateException | OperatorCreationException
                | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot create the CA certificate: " + e.getMessage(), e);
        }
    }
}
