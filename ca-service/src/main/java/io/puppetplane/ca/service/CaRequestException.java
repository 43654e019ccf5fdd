package io.puppetplane.ca.service;

/** A request the CA refuses, with the HTTP status and the message the caller sees (never a stack trace). */
public class CaRequestException extends RuntimeException {

    private final int status;

    public CaRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static CaRequestException badRequest(String message) {
        return new CaRequestException(400, message);
    }

    public static CaRequestException notFound(String message) {
        return new CaRequestException(404, message);
    }

    public static CaRequestException conflict(String message) {
        return new CaRequestException(409, message);
    }
}
