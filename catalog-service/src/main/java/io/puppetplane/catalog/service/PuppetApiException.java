package io.puppetplane.catalog.service;

/**
 * A request the service refuses, answered as puppetserver does: the status and a JSON body
 * {@code {"message":…,"issue_kind":…}} whose message the agent prints as "Error CODE on SERVER: message".
 */
public class PuppetApiException extends RuntimeException {

    private final int status;
    private final String issueKind;
    private final Integer retryAfterSeconds;

    public PuppetApiException(int status, String issueKind, String message) {
        this(status, issueKind, message, null);
    }

    private PuppetApiException(int status, String issueKind, String message, Integer retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.issueKind = issueKind;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static PuppetApiException notFound(String message) {
        return new PuppetApiException(404, "RESOURCE_NOT_FOUND", "Not Found: " + message);
    }

    public static PuppetApiException badRequest(String message) {
        return new PuppetApiException(400, "BAD_REQUEST", message);
    }

    public static PuppetApiException forbidden(String message) {
        return new PuppetApiException(403, "FORBIDDEN", "Forbidden request: " + message);
    }

    /**
     * The agent sleeps Retry-After seconds and repeats the same request; {@code why} says what cannot be done yet.
     */
    public static PuppetApiException overloaded(String why, int retryAfterSeconds) {
        return new PuppetApiException(503, "SERVICE_UNAVAILABLE", "Service Unavailable: " + why + "; retry later",
            retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String issueKind() {
        return issueKind;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
