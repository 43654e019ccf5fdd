package io.puppetplane.ca.service;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** The CA certificate and its private key; everything the CA signs is signed with these. */
public record CaKeyMaterial(X509Certificate certificate, PrivateKey privateKey) {

    public X500Name subject() {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    /** SHA-256 with the CA key's algorithm (SHA-384 for P-384 keys). */
    public String signatureAlgorithm() {
        return signatureAlgorithm(privateKey);
    }

    public ContentSigner contentSigner() {
        try {
            return new JcaContentSignerBuilder(signatureAlgorithm()).build(privateKey);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with the CA key: " + e.getMessage(), e);
        }
    }

    static String signatureAlgorithm(PrivateKey key) {
        if ("EC".equals(key.getAlgorithm())) {
            int bits = ((java.security.interfaces.ECPrivateKey) key).getParams().getCurve().getField().getFieldSize();
            return bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
        }
        return "SHA256withRSA";
    }
}
