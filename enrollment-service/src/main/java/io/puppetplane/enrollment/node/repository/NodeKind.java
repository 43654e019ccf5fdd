package io.puppetplane.enrollment.node.repository;

import java.util.Arrays;
import java.util.Optional;

/** How a node gets its agent started: over SSH (bare metal) or by its own first-run script (cloud instance). */
public enum NodeKind {
    BARE_METAL("bare-metal"),
    CLOUD_INSTANCE("cloud-instance");

    private final String wireName;

    NodeKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<NodeKind> fromWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
