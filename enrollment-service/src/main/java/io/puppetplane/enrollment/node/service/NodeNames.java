package io.puppetplane.enrollment.node.service;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The shapes of names this service accepts. They are also substituted into shell commands (role file, registration
 * command), so these patterns are what keeps those commands safe, not only tidy.
 */
public final class NodeNames {

    /** Puppet certnames: lower case letters, digits, dots, dashes and underscores. */
    private static final Pattern CERTNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,252}");
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:-]{0,252}");
    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Pattern CLASS = Pattern.compile("(::)?[a-z][a-z0-9_]*(::[a-z][a-z0-9_]*)*");

    private NodeNames() {
    }

    public static String certname(String value) {
        if (value == null || !CERTNAME.matcher(value).matches()) {
            throw new InvalidNodeRequestException("certname '" + value + "' is not valid: use lower case letters, "
                    + "digits, '.', '-' and '_' (at most 253 characters)");
        }
        return value;
    }

    public static String address(String value) {
        if (value == null || !ADDRESS.matcher(value).matches()) {
            throw new InvalidNodeRequestException("address '" + value + "' is not an IP address or host name");
        }
        return value;
    }

    /** A role, or null for none. */
    public static String role(String value) {
        if (value != null && !ROLE.matcher(value).matches()) {
            throw new InvalidNodeRequestException("role '" + value + "' is not valid: use a lower case word such as "
                    + "'nc' or 'cc' (letters, digits, '_')");
        }
        return value;
    }

    public static Map<String, Map<String, Object>> classes(Map<String, Map<String, Object>> value) {
        if (value == null) {
            return Map.of();
        }
        for (String name : value.keySet()) {
            if (name == null || !CLASS.matcher(name).matches()) {
                throw new InvalidNodeRequestException("class name '" + name + "' is not a valid Puppet class name");
            }
        }
        return value;
    }
}
