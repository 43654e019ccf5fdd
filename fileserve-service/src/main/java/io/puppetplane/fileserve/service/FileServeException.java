package io.puppetplane.fileserve.service;

import java.util.Optional;

/**
 * A request this service refuses or cannot answer, with the HTTP status and a message for the agent. A refusal that
 * is a security decision carries the {@link #deniedBy() rule} so it is logged and published as FileAccessDenied.
 */
public class FileServeException extends RuntimeException {

    private final int status;
    private final String issueKind;
    private final String deniedBy;

    public FileServeException(int status, String issueKind, String message) {
        this(status, issueKind, message, null);
    }

    private FileServeException(int status, String issueKind, String message, String deniedBy) {
        super(message);
        this.status = status;
        this.issueKind = issueKind;
        this.deniedBy = deniedBy;
    }

    /** A refusal for security reasons: 403 (or 400 for malformed traversal attempts) plus the deciding rule. */
    public static FileServeException denied(int status, String message, String rule) {
        return new FileServeException(status, "FORBIDDEN", message, rule);
    }

    public static FileServeException notFound(String message) {
        return new FileServeException(404, "RESOURCE_NOT_FOUND", "Not Found: " + message);
    }

    public static FileServeException badRequest(String message) {
        return new FileServeException(400, "BAD_REQUEST", "Bad Request: " + message);
    }

    public int status() {
        return status;
    }

    public String issueKind() {
        return issueKind;
    }

    public Optional<String> deniedBy() {
        return Optional.ofNullable(deniedBy);
    }
}
