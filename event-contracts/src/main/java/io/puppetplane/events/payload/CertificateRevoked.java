package io.puppetplane.events.payload;

import java.time.Instant;

/** A certificate was revoked; every service refuses it from the moment it sees this event. */
public record CertificateRevoked(String certname, String serialNumber, Instant revokedAt, String reason) {
}
