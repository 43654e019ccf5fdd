package io.puppetplane.ca.service;

import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * A CSR that passed every check: its certname, key, the SANs beyond {@code DNS:<certname>}, the Puppet extensions to
 * copy into the certificate (and their readable values for events), the challengePassword if any, and whether the
 * agent says it renews its certificate itself (attribute pp_auth_auto_renew=true, which Puppet 8 agents add).
 */
public record ValidatedCsr(String certname, String pem, PublicKey publicKey, String fingerprintSha256,
        List<GeneralName> extraAltNames, List<String> altNameLabels, List<Extension> puppetExtensions,
        Map<String, String> extensionValues, Optional<String> challengePassword, boolean renewsItself) {
}
