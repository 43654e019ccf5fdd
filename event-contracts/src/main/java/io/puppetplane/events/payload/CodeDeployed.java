package io.puppetplane.events.payload;

import java.time.Instant;

/** New code is live for an environment; catalog replicas drop caches older than {@code codeId}. */
public record CodeDeployed(String environment, String codeId, Instant deployedAt) {
}
