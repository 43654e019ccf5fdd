package io.puppetplane.events.payload;

import java.time.Instant;
import java.util.Map;

/** A certificate was issued; {@code reason} names the autosign rule or the operator that signed it. */
public record CertificateSigned(String certname, String serialNumber, String fingerprintSha256,
        Map<String, String> extensions, Instant notBefore, Instant notAfter, String reason) {
}
