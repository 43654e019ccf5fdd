package io.puppetplane.lang.value;

/** A Sensitive value: rendered in clear in the catalog but listed in sensitive_parameters. */
public record Sensitive(Object value) {

    @Override
    public String toString() {
        return "Sensitive [value redacted]";
    }
}
