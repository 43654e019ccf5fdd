package io.puppetplane.events.payload;

import java.time.Instant;

/** fileserve-service refused a request; {@code rule} names the rule (or check) that decided. */
public record FileAccessDenied(String certname, String clientAddress, String mount, String path, String rule,
        Instant deniedAt) {
}
