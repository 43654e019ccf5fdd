package io.puppetplane.enrollment.node.repository;

import java.time.Instant;

/** The recorded intent (and, once known, completion) of registering a node with the cloud controller. */
public record RegistrationAttempt(String certname, String command, Instant startedAt, Instant completedAt,
        String outcome) {

    public boolean completed() {
        return completedAt != null;
    }
}
