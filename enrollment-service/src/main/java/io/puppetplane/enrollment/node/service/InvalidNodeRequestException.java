package io.puppetplane.enrollment.node.service;

/** A request that can never succeed as written (a bad name, role or kind). */
public class InvalidNodeRequestException extends RuntimeException {
    public InvalidNodeRequestException(String message) {
        super(message);
    }
}
