package io.puppetplane.enrollment.node.service;

/** A request that contradicts the node's current state (it exists already, or is decommissioned). */
public class NodeConflictException extends RuntimeException {
    public NodeConflictException(String message) {
        super(message);
    }
}
