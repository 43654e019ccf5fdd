package io.puppetplane.ca.service;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * Issues end-entity certificates with Puppet Server's agent profile: SAN with the certname, AKI (key id, issuer and
 * serial), SKI, CA:FALSE, serverAuth+clientAuth, digitalSignature+keyEncipherment, plus the CSR's Puppet extensions.
 */
public final class CertificateSigner {

    private final CaKeyMaterial ca;
    private final JcaX509ExtensionUtils extensionUtils;

    public CertificateSigner(CaKeyMaterial ca) {
        this.ca = ca;
        try {
            this.extensionUtils = new JcaX509ExtensionUtils();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param altNames SAN entries besides {@code DNS:<certname>}, which is always first
     * @param copiedExtensions extensions taken verbatim from the CSR (the pp_* ones)
     * @param cliAuth whether to add pp_cli_auth=true (service and operator certificates)
     */
    public X509Certificate sign(String certname, PublicKey publicKey, BigInteger serial, Instant now, Duration ttl,
            List<GeneralName> altNames, List<Extension> copiedExtensions, boolean cliAuth) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, certname).build();
        Instant notAfter = now.plus(ttl);
        if (notAfter.isAfter(ca.certificate().getNotAfter().toInstant())) {
            notAfter = ca.certificate().getNotAfter().toInstant();
        }
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.subject(), serial,
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(notAfter), subject, publicKey);
            java.util.LinkedHashSet<GeneralName> sans = new java.util.LinkedHashSet<>();
            sans.add(new GeneralName(GeneralName.dNSName, certname));
            sans.addAll(altNames);
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(sans.toArray(GeneralName[]::new)));
            builder.addExtension(new ASN1ObjectIdentifier(PuppetOids.NETSCAPE_COMMENT), false,
                    new DERIA5String(CaCertificateFactory.COMMENT));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensionUtils.createAuthorityKeyIdentifier(ca.certificate()));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensionUtils.createSubjectKeyIdentifier(publicKey));
            for (Extension e : copiedExtensions) {
                builder.addExtension(e);
            }
            if (cliAuth) {
                builder.addExtension(new ASN1ObjectIdentifier(PuppetOids.PP_CLI_AUTH), false,
                        new DERUTF8String("true"));
            }
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(
                    new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth }));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            return new JcaX509CertificateConverter().getCertificate(builder.build(ca.contentSigner()));
        } catch (CertIOException | CertificateException e) {
            throw new IllegalStateException("cannot issue a certificate for " + certname + ": " + e.getMessage(), e);
        }
    }

    /**
     * A renewal of {@code previous}, as Puppet Server's: the same subject, public key and extensions (SANs, Puppet
     * extensions, pp_cli_auth), a new serial and validity; the key identifiers are worked out again, in case the
     * CA's own certificate was replaced meanwhile.
     */
    public X509Certificate renew(X509Certificate previous, BigInteger serial, Instant now, Duration ttl) {
        Instant notAfter = now.plus(ttl);
        if (notAfter.isAfter(ca.certificate().getNotAfter().toInstant())) {
            notAfter = ca.certificate().getNotAfter().toInstant();
        }
        try {
            X500Name subject = X500Name.getInstance(previous.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.subject(), serial,
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(notAfter), subject, previous.getPublicKey());
            org.bouncycastle.cert.X509CertificateHolder holder = new org.bouncycastle.cert.jcajce
                    .JcaX509CertificateHolder(previous);
            for (Object oid : holder.getExtensionOIDs()) {
                ASN1ObjectIdentifier id = (ASN1ObjectIdentifier) oid;
                if (!id.equals(Extension.authorityKeyIdentifier) && !id.equals(Extension.subjectKeyIdentifier)) {
                    builder.copyAndAddExtension(id, holder.getExtension(id).isCritical(), holder);
                }
            }
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensionUtils.createAuthorityKeyIdentifier(ca.certificate()));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensionUtils.createSubjectKeyIdentifier(previous.getPublicKey()));
            return new JcaX509CertificateConverter().getCertificate(builder.build(ca.contentSigner()));
        } catch (CertIOException | CertificateException e) {
            throw new IllegalStateException("cannot renew the certificate of " + previous.getSubjectX500Principal()
                    + ": " + e.getMessage(), e);
        }
    }
}
