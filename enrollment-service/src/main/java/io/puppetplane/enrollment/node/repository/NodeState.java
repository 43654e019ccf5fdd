package io.puppetplane.enrollment.node.repository;

import java.util.Arrays;
import java.util.Optional;

/** The enrollment lifecycle of a node, in pipeline order; {@code failed} and {@code decommissioned} are off it. */
public enum NodeState {
    REGISTERED("registered"),
    ROLE_ASSIGNED("role-assigned"),
    AGENT_STARTED("agent-started"),
    CERTIFICATE_REQUESTED("certificate-requested"),
    CERTIFICATE_SIGNED("certificate-signed"),
    FIRST_RUN_SUCCEEDED("first-run-succeeded"),
    CLOUD_REGISTERED("cloud-registered"),
    READY("ready"),
    FAILED("failed"),
    DECOMMISSIONED("decommissioned");

    private final String wireName;

    NodeState(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the API, the database and NodeStateChanged events. */
    public String wireName() {
        return wireName;
    }

    public static Optional<NodeState> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
