package io.puppetplane.fileserve.service;

/** One allow or deny condition as written, with where it was written for log and event messages. */
public record AccessRule(boolean allow, AccessCondition condition, String text, int line) {

    /** E.g. {@code "deny 127.0.0.2 (fileserver.conf:7)"}. */
    public String describe(String fileName) {
        return text + " (" + fileName + ":" + line + ")";
    }
}
