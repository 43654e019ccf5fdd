package io.puppetplane.outbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    @Test
    void aRefusedConnectionFromTheRealDriverIsAnOutage() {
        // port 9 on loopback: nothing listens, so PostgreSQL's driver fails as it does while the server is down
        SQLException refused = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:9/none?connectTimeout=2", "x", "y"));
        assertTrue(DatabaseOutage.causedBy(new IllegalStateException("database read failed", refused)),
                "the driver's refused connection, however wrapped, is an outage: " + refused.getSQLState());
    }

    @Test
    void serverShutdownAndPoolTimeoutAreOutagesButOtherErrorsAreNot() {
        assertTrue(DatabaseOutage.causedBy(new SQLException("terminating connection", "57P01")),
                "admin shutdown (a restart) is an outage");
        assertTrue(DatabaseOutage.causedBy(new RuntimeException(
                new SQLException("Acquisition timeout while waiting for new connection"))),
                "Agroal's acquisition timeout (no SQLSTATE) is an outage");
        assertTrue(DatabaseOutage.causedBy(new ConnectException("Connection refused")), "a refused socket");
        assertFalse(DatabaseOutage.causedBy(new SQLException("duplicate key", "23505")),
                "a constraint violation is the caller's problem, not an outage");
        assertFalse(DatabaseOutage.causedBy(new IllegalArgumentException("bad")), "nor is anything else");
    }
}
