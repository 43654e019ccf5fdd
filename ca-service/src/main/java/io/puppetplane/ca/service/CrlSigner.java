package io.puppetplane.ca.service;

import java.math.BigInteger;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/** Signs v2 CRLs as Puppet Server does: crlNumber and AKI extensions, keyCompromise reasons, a long nextUpdate. */
public final class CrlSigner {

    /** One revoked certificate. */
    public record RevokedEntry(BigInteger serial, Instant revokedAt) {
    }

    private CrlSigner() {
    }

    public static X509CRL sign(CaKeyMaterial ca, List<RevokedEntry> revoked, BigInteger crlNumber, Instant thisUpdate,
            Instant nextUpdate) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(ca.subject(), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (RevokedEntry entry : revoked) {
                builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), CRLReason.keyCompromise);
            }
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate().getPublicKey()));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(crlNumber));
            return new JcaX509CRLConverter().getCRL(builder.build(ca.contentSigner()));
        } catch (CertIOException | CRLException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot sign the CRL: " + e.getMessage(), e);
        }
    }
}
