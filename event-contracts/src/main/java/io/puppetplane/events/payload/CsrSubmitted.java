package io.puppetplane.events.payload;

import java.time.Instant;
import java.util.Map;

/** An agent submitted a certificate signing request; {@code autosignDecision} says what autosign made of it. */
public record CsrSubmitted(String certname, String fingerprintSha256, String requesterAddress,
        Map<String, String> extensions, String autosignDecision, Instant submittedAt) {
}
