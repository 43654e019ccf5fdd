package io.puppetplane.enrollment.ssh.service;

/** The remote command could not be run: no connection, refused host key, failed authentication or a timeout. */
public class RemoteCommandException extends Exception {

    private final boolean outcomeUnknown;

    public RemoteCommandException(String message, boolean outcomeUnknown, Throwable cause) {
        super(message, cause);
        this.outcomeUnknown = outcomeUnknown;
    }

    /** True when the command may have run (it timed out or the connection dropped after it was sent). */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
