package io.puppetplane.ca.service;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Checks a CSR before anything is stored: size, PEM, signature, subject {@code CN=<certname from the URL>}, Puppet's
 * name rules, key strength, and that its extensions are ones the CA copies (SAN by policy, Puppet arcs, never
 * pp_cli_auth).
 */
public final class CsrValidator {

    /** The policy knobs, from {@code puppetplane.ca.*}. */
    public record Policy(int maxBytes, int minRsaKeyBits, boolean allowSubjectAltNames,
            boolean allowAuthorizationExtensions) {
    }

    private final Policy policy;

    public CsrValidator(Policy policy) {
        this.policy = policy;
    }

    public ValidatedCsr validate(String urlCertname, String pem) {
        Certname.require(urlCertname);
        if (pem == null || pem.isBlank()) {
            throw CaRequestException.badRequest("The request body must be a PEM certificate request");
        }
        if (pem.getBytes(StandardCharsets.UTF_8).length > policy.maxBytes()) {
            throw CaRequestException.badRequest("The certificate request is larger than " + policy.maxBytes() + " bytes");
        }
        PKCS10CertificationRequest csr;
        try {
            csr = PemCodec.readCsr(pem);
        } catch (IllegalArgumentException e) {
            throw CaRequestException.badRequest("Could not read the certificate request: " + e.getMessage());
        }
        String cn = commonName(csr.getSubject());
        if (!urlCertname.equals(cn)) {
            throw CaRequestException.badRequest("Instance name \"" + cn + "\" does not match requested key \""
                    + urlCertname + "\"");
        }
        PublicKey key = publicKey(csr);
        verifySignature(csr, urlCertname);
        checkKey(key, urlCertname);

        List<GeneralName> altNames = new ArrayList<>();
        List<String> altLabels = new ArrayList<>();
        List<Extension> puppetExtensions = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        Extensions requested = csr.getRequestedExtensions();
        List<String> forbidden = new ArrayList<>();
        if (requested != null) {
            for (var oid : requested.getExtensionOIDs()) {
                Extension e = requested.getExtension(oid);
                String id = oid.getId();
                if (id.equals(PuppetOids.SUBJECT_ALT_NAME)) {
                    collectAltNames(urlCertname, e, altNames, altLabels);
                } else if (PuppetOids.isPuppetExtension(id)) {
                    if (id.equals(PuppetOids.PP_CLI_AUTH)
                            || (PuppetOids.isAuthorizationExtension(id) && !policy.allowAuthorizationExtensions())) {
                        forbidden.add(PuppetOids.shortName(id));
                    } else {
                        puppetExtensions.add(e);
                        values.put(PuppetOids.shortName(id), readable(e));
                    }
                } else {
                    forbidden.add(id);
                }
            }
        }
        if (!forbidden.isEmpty()) {
            throw CaRequestException.badRequest("CSR '" + urlCertname
                    + "' contains extensions that are not permitted: " + String.join(", ", forbidden));
        }
        if (!altNames.isEmpty() && !policy.allowSubjectAltNames()) {
            throw CaRequestException.badRequest("CSR '" + urlCertname + "' contains subject alternative names ("
                    + String.join(", ", altLabels) + "), which are disallowed; set dns_alt_names only where the CA "
                    + "allows them");
        }
        String fingerprint;
        try {
            fingerprint = PemCodec.fingerprint(csr.getEncoded(), "SHA-256");
        } catch (java.io.IOException e) {
            throw CaRequestException.badRequest("Could not encode the certificate request");
        }
        return new ValidatedCsr(urlCertname, pem, key, fingerprint, altNames, altLabels, puppetExtensions, values,
                challengePassword(csr), announcesAutoRenewal(csr));
    }

    private static String commonName(X500Name subject) {
        RDN[] rdns = subject.getRDNs();
        if (rdns.length != 1 || rdns[0].isMultiValued()
                || !rdns[0].getFirst().getType().equals(BCStyle.CN)) {
            throw CaRequestException.badRequest("The CSR subject must be exactly CN=<certname>, not '" + subject + "'");
        }
        return IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }

    private static PublicKey publicKey(PKCS10CertificationRequest csr) {
        try {
            return new JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo());
        } catch (java.io.IOException | RuntimeException e) {
            throw CaRequestException.badRequest("The CSR's public key is unreadable: " + e.getMessage());
        }
    }

    private static void verifySignature(PKCS10CertificationRequest csr, String certname) {
        boolean valid;
        try {
            valid = csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()));
        } catch (Exception e) {
            valid = false;
        }
        if (!valid) {
            throw CaRequestException.badRequest("CSR contains a public key that does not correspond to the signing key"
                    + " (invalid signature) for " + certname);
        }
    }

    private void checkKey(PublicKey key, String certname) {
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < policy.minRsaKeyBits()) {
            throw CaRequestException.badRequest("CSR for " + certname + " has an RSA key of "
                    + rsa.getModulus().bitLength() + " bits; at least " + policy.minRsaKeyBits() + " are required");
        }
        if (!(key instanceof RSAPublicKey) && !"EC".equals(key.getAlgorithm())) {
            throw CaRequestException.badRequest("CSR for " + certname + " has a " + key.getAlgorithm()
                    + " key; only RSA and EC keys are accepted");
        }
    }

    private static void collectAltNames(String certname, Extension e, List<GeneralName> names, List<String> labels) {
        GeneralNames general = GeneralNames.getInstance(e.getParsedValue());
        for (GeneralName name : general.getNames()) {
            switch (name.getTagNo()) {
                case GeneralName.dNSName -> {
                    String dns = name.getName().toString();
                    if (!dns.equals(certname)) {
                        names.add(name);
                        labels.add("DNS:" + dns);
                    }
                }
                case GeneralName.iPAddress -> {
                    names.add(name);
                    byte[] octets = org.bouncycastle.asn1.DEROctetString.getInstance(name.getName()).getOctets();
                    try {
                        labels.add("IP:" + java.net.InetAddress.getByAddress(octets).getHostAddress());
                    } catch (java.net.UnknownHostException ex) {
                        throw CaRequestException.badRequest("CSR has a malformed IP subject alternative name");
                    }
                }
                default -> throw CaRequestException.badRequest(
                        "CSR has a subject alternative name of a kind the CA does not issue (only DNS and IP)");
            }
        }
    }

    /** Puppet puts a UTF8String inside the extension's OCTET STRING; anything else is shown as hex. */
    private static String readable(Extension e) {
        byte[] raw = e.getExtnValue().getOctets();
        try {
            ASN1Primitive inner = ASN1Primitive.fromByteArray(raw);
            if (inner instanceof ASN1String s) {
                return s.getString();
            }
        } catch (java.io.IOException | RuntimeException ignored) {
            // not DER: fall through to hex, the bytes are still copied verbatim into the certificate
        }
        return HexFormat.of().formatHex(raw);
    }

    /** Puppet 8's {@code create_request} adds the attribute pp_auth_auto_renew = "true" while renewal is on. */
    private static boolean announcesAutoRenewal(PKCS10CertificationRequest csr) {
        for (Attribute attribute : csr.getAttributes(
                new org.bouncycastle.asn1.ASN1ObjectIdentifier(PuppetOids.PP_AUTH_AUTO_RENEW))) {
            for (ASN1Encodable value : attribute.getAttributeValues()) {
                if (value instanceof ASN1String s && "true".equals(s.getString())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<String> challengePassword(PKCS10CertificationRequest csr) {
        for (Attribute attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_challengePassword)) {
            for (ASN1Encodable value : attribute.getAttributeValues()) {
                if (value instanceof ASN1String s) {
                    return Optional.of(s.getString());
                }
            }
        }
        return Optional.empty();
    }
}
