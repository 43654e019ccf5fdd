package io.puppetplane.ca.service;

import java.util.regex.Pattern;

/** Puppet's rules for certificate names: lowercase DNS-like labels of letters, digits, '_' and '-'. */
public final class Certname {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9_-]+");
    private static final int MAX_LENGTH = 255;

    private Certname() {
    }

    /** Returns {@code name} if it is a valid certname, otherwise throws a 400 saying why. */
    public static String require(String name) {
        if (name == null || name.isEmpty()) {
            throw CaRequestException.badRequest("Certname is empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw CaRequestException.badRequest("Certname is longer than " + MAX_LENGTH + " characters");
        }
        if (!name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
            throw CaRequestException.badRequest("Certificate names must be lower case: " + name);
        }
        if (name.contains("*")) {
            throw CaRequestException.badRequest("Certname " + name + " must not contain a wildcard");
        }
        if (name.endsWith("-")) {
            throw CaRequestException.badRequest("Certname " + name + " must not end with '-'");
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw CaRequestException.badRequest("Certname " + name
                        + " is not valid: each dot-separated label must be non-empty and use only a-z, 0-9, '_' and '-'");
            }
        }
        return name;
    }
}
