package io.puppetplane.events.payload;

import java.time.Instant;

/** A node moved through its enrollment lifecycle. */
public record NodeStateChanged(String certname, String fromState, String toState, String reason, Instant changedAt) {
}
