package io.puppetplane.fileserve.service;

import java.util.List;

/**
 * A {@code [mount]} section of fileserver.conf.
 *
 * <p>Evaluation order: every {@code deny*} rule first, in file order, and the first that matches refuses; then every
 * {@code allow*} rule in file order, and the first that matches grants; when none matches, the request is refused
 * (default deny). So a deny always beats an allow, whatever their order in the file.
 */
public record MountDefinition(String name, PathTemplate path, List<AccessRule> rules, String fileName, int line) {

    public AccessDecision decide(AccessRequest request) {
        for (AccessRule rule : rules) {
            if (!rule.allow() && rule.condition().matches(request)) {
                return new AccessDecision(false, rule.describe(fileName));
            }
        }
        for (AccessRule rule : rules) {
            if (rule.allow() && rule.condition().matches(request)) {
                return new AccessDecision(true, rule.describe(fileName));
            }
        }
        return new AccessDecision(false, AccessDecision.DEFAULT_DENY);
    }
}
