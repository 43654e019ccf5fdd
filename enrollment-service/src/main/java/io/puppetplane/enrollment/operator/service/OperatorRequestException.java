package io.puppetplane.enrollment.operator.service;

/** A refused operator-account request; {@link Kind} says which 4xx it becomes. */
public class OperatorRequestException extends RuntimeException {

    /** Why it was refused. */
    public enum Kind {
        INVALID, NOT_FOUND, CONFLICT
    }

    private final Kind kind;

    public OperatorRequestException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
