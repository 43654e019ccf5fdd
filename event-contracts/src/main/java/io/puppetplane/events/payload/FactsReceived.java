package io.puppetplane.events.payload;

import java.time.Instant;
import java.util.Map;

/** The facts an agent sent with its catalog request. */
public record FactsReceived(String certname, String environment, Map<String, Object> values, Instant receivedAt) {
}
