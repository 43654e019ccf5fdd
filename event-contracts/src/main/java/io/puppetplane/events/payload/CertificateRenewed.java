package io.puppetplane.events.payload;

import java.time.Instant;

/**
 * An agent renewed its certificate: {@code serialNumber} is the new one (same subject, key and extensions),
 * {@code previousSerialNumber} the one it presented, which stays valid until it expires unless revoked.
 */
public record CertificateRenewed(String certname, String serialNumber, String previousSerialNumber,
        String fingerprintSha256, Instant notBefore, Instant notAfter) {
}
