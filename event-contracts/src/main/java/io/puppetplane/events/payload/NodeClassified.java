package io.puppetplane.events.payload;

import java.util.List;
import java.util.Map;

/**
 * The classification an operator gave a node: its role (exposed to manifests as the {@code role} parameter), extra
 * classes with their parameters, and optionally its environment. A Kafka tombstone for the certname removes it.
 */
public record NodeClassified(String certname, String role, Map<String, Map<String, Object>> classes,
        String environment, List<String> tags) {
}
