package io.puppetplane.ca.service;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** PEM in and out: certificates, keys (PKCS#1 or PKCS#8), CSRs and CRLs, as Puppet's tools write them. */
public final class PemCodec {

    private static final JcaX509CertificateConverter CERTS = new JcaX509CertificateConverter();
    private static final JcaPEMKeyConverter KEYS = new JcaPEMKeyConverter();

    private PemCodec() {
    }

    public static String write(Object... objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                writer.writeObject(o);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Every certificate in a PEM bundle, in order. */
    public static List<X509Certificate> readCertificates(String pem) {
        List<X509Certificate> certs = new ArrayList<>();
        for (Object o : readAll(pem)) {
            if (o instanceof X509CertificateHolder holder) {
                try {
                    certs.add(CERTS.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new IllegalArgumentException("unreadable certificate: " + e.getMessage(), e);
                }
            }
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException("no certificate in PEM text");
        }
        return certs;
    }

    public static X509Certificate readCertificate(String pem) {
        return readCertificates(pem).get(0);
    }

    public static PrivateKey readPrivateKey(String pem) {
        for (Object o : readAll(pem)) {
            try {
                if (o instanceof PEMKeyPair pair) {
                    return KEYS.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (o instanceof PrivateKeyInfo info) {
                    return KEYS.getPrivateKey(info);
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("unreadable private key: " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("no unencrypted private key in PEM text");
    }

    /** The first CSR in {@code pem}; an {@link IllegalArgumentException} says what is wrong with it. */
    public static PKCS10CertificationRequest readCsr(String pem) {
        for (Object o : readAll(pem)) {
            if (o instanceof PKCS10CertificationRequest csr) {
                return csr;
            }
        }
        throw new IllegalArgumentException("no CERTIFICATE REQUEST block found");
    }

    public static List<X509CRL> readCrls(String pem) {
        List<X509CRL> crls = new ArrayList<>();
        for (Object o : readAll(pem)) {
            if (o instanceof X509CRLHolder holder) {
                try {
                    crls.add(new JcaX509CRLConverter().getCRL(holder));
                } catch (CRLException e) {
                    throw new IllegalArgumentException("unreadable CRL: " + e.getMessage(), e);
                }
            }
        }
        return crls;
    }

    private static List<Object> readAll(String pem) {
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                objects.add(o);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("malformed PEM: " + e.getMessage(), e);
        }
        return objects;
    }

    /** Colon-separated upper-case hex digest, as {@code puppetserver ca list} prints it. */
    public static String fingerprint(byte[] der, String algorithm) {
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(der);
            return HexFormat.ofDelimiter(":").formatHex(digest).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String fingerprint(X509Certificate cert, String algorithm) {
        try {
            return fingerprint(cert.getEncoded(), algorithm);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of a certificate extension whose value is an ASN.1 string (Puppet's pp_* ones), or null. */
    public static String extensionText(X509Certificate cert, String oid) {
        byte[] ext = cert.getExtensionValue(oid);
        if (ext == null) {
            return null;
        }
        try {
            ASN1Primitive inner = ASN1Primitive.fromByteArray(DEROctetString.getInstance(ext).getOctets());
            return inner instanceof ASN1String s ? s.getString() : null;
        } catch (java.io.IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The certificate's subject CN (its certname), or "" when it has none. */
    public static String commonName(X509Certificate cert) {
        org.bouncycastle.asn1.x500.X500Name name = org.bouncycastle.asn1.x500.X500Name.getInstance(
                cert.getSubjectX500Principal().getEncoded());
        var rdns = name.getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.CN);
        return rdns.length == 0 ? ""
                : org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }
}
