package io.puppetplane.enrollment.inventory.service;

import java.time.Instant;
import java.util.Map;

/** A node's latest facts as the inventory stored them ({@code timestamp}: when they were received). */
public record FactSet(String certname, String environment, Instant timestamp, Map<String, Object> values) {

    public FactSet {
        values = values == null ? Map.of() : values;
    }
}
