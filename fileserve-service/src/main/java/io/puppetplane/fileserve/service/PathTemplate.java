package io.puppetplane.fileserve.service;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

import io.puppetplane.trust.ClientIdentity;

/**
 * A mount's {@code path}, which may hold {@code %h} (certname up to the first dot), {@code %H} (the certname),
 * {@code %d} (the rest after the first dot) and {@code %%} (a literal percent sign).
 */
public record PathTemplate(String template) {

    /** Certnames that may become part of a path: no slash, no leading dot, so never "." or "..". */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    /** Checks the escapes; the message says what is wrong. */
    static Optional<String> problem(String template) {
        if (!template.startsWith("/")) {
            return Optional.of("path must be absolute: " + template);
        }
        for (int i = 0; i < template.length(); i++) {
            if (template.charAt(i) == '%') {
                if (i + 1 >= template.length() || "hHd%".indexOf(template.charAt(i + 1)) < 0) {
                    return Optional.of("unknown escape in path " + template + " (only %h, %H, %d and %% exist)");
                }
                i++;
            }
        }
        return Optional.empty();
    }

    public boolean expandsPerNode() {
        return template.replace("%%", "").contains("%");
    }

    /**
     * The directory for this client; empty when the certname cannot be placed in a path (or has no domain for
     * {@code %d}), which callers answer with 404.
     */
    public Optional<Path> expand(ClientIdentity identity) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            char escape = template.charAt(++i);
            String value = switch (escape) {
                case 'h' -> identity.hostname();
                case 'H' -> identity.certname();
                case 'd' -> identity.domain().orElse(null);
                default -> "%";
            };
            if (value == null || (escape != '%' && !SAFE_NAME.matcher(value).matches())) {
                return Optional.empty();
            }
            out.append(value);
        }
        return Optional.of(Path.of(out.toString()).normalize());
    }
}
