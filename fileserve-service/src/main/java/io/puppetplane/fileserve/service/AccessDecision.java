package io.puppetplane.fileserve.service;

/** Whether a request may read a mount, and which rule (or the default) decided. */
public record AccessDecision(boolean allowed, String rule) {

    public static final String DEFAULT_DENY = "no allow rule matches (default deny)";
}
