package io.puppetplane.lang.value;

/** Puppet's {@code default} value. */
public enum Default {
    DEFAULT;

    @Override
    public String toString() {
        return "default";
    }
}
