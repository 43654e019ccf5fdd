package io.puppetplane.enrollment.ssh.service;

/** POSIX shell quoting for values put into remote commands. */
public final class ShellWords {

    private ShellWords() {
    }

    /** The value as one single-quoted shell word. */
    public static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
