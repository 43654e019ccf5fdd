package io.puppetplane.enrollment.reconcile.service;

import java.util.Optional;

import io.puppetplane.enrollment.node.repository.AgentObservation;
import io.puppetplane.enrollment.node.repository.Node;
import io.puppetplane.enrollment.node.repository.RegistrationAttempt;

/** Everything the reconciler compares: the node (desired and recorded state) and what was observed about it. */
public record NodeSnapshot(Node node, AgentObservation observation, Optional<RegistrationAttempt> registration) {
}
