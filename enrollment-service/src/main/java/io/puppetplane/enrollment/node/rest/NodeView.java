package io.puppetplane.enrollment.node.rest;

import java.time.Instant;
import java.util.Map;

import io.puppetplane.enrollment.node.repository.Node;

/** A node as the API shows it. */
public record NodeView(String certname, String address, String kind, String role,
        Map<String, Map<String, Object>> classes, String state, Instant stateChangedAt, Failure failure) {

    /** Present only while the node is failed. */
    public record Failure(String reason, int retryCount, Instant nextRetryAt, String resumesAt) {
    }

    static NodeView of(Node node) {
        Failure failure = node.failureReason() == null ? null : new Failure(node.failureReason(), node.retryCount(),
                node.nextRetryAt(), node.resumeState() == null ? null : node.resumeState().wireName());
        return new NodeView(node.certname(), node.address(), node.kind().wireName(), node.role(), node.classes(),
                node.state().wireName(), node.stateChangedAt(), failure);
    }
}
