package io.puppetplane.ca.service;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Puppet's autosign.conf semantics: one entry per line; blank lines and {@code #} comments ignored; an entry is an
 * exact certname, a lone {@code *}, or {@code *.domain} (the {@code *} stands for zero or more labels); matching is
 * case-insensitive. A line with a {@code #} or a space after its start, or a {@code *} anywhere else, is invalid and
 * never matches. Lines are not trimmed, exactly like Puppet Server, so trailing whitespace breaks an entry.
 */
public final class AutosignConfMatcher {

    private AutosignConfMatcher() {
    }

    /** The first entry that matches {@code certname}. */
    public static Optional<String> firstMatch(List<String> lines, String certname) {
        String name = certname.toLowerCase(Locale.ROOT);
        for (String line : lines) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (matches(line.toLowerCase(Locale.ROOT), name)) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String entry, String name) {
        if (entry.contains("#") || entry.contains(" ") || entry.contains("\t") || entry.contains("\r")) {
            return false;
        }
        if (entry.equals("*")) {
            return true;
        }
        if (entry.startsWith("*.")) {
            String domain = entry.substring(2);
            if (domain.isEmpty() || domain.contains("*")) {
                return false;
            }
            return name.equals(domain) || name.endsWith("." + domain);
        }
        return !entry.contains("*") && entry.equals(name);
    }
}
