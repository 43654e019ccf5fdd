package io.puppetplane.outbox;

import java.net.ConnectException;
import java.sql.SQLException;

/**
 * Tells a failure that comes from the database being out of reach (stopped, restarting, unreachable, its pool unable
 * to connect) from every other failure, so a service that owns a database answers 503 + Retry-After while it is
 * away, and callers (agents, operators, other services) try again instead of seeing an internal error.
 */
public final class DatabaseOutage {

    /** How long callers are asked to wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseOutage() {
    }

    /** Whether {@code failure} or one of its causes says the database could not be reached. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && unreachable(sql)) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception) and 57P (the server shutting down, crashed or still starting), or the
     * pool's own timeout waiting for a connection it cannot open.
     */
    private static boolean unreachable(SQLException e) {
        String state = e.getSQLState();
        if (state != null) {
            return state.startsWith("08") || state.startsWith("57P");
        }
        return e.getMessage() != null && e.getMessage().contains("Acquisition timeout");
    }
}
