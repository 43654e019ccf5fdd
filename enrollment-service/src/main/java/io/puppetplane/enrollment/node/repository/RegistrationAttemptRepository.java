package io.puppetplane.enrollment.node.repository;

import java.time.Instant;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;

/** Intent and completion of each node's registration with the cloud controller. */
@Singleton
public class RegistrationAttemptRepository extends JdbcRepository {

    RegistrationAttemptRepository(AgroalDataSource dataSource, ObjectMapper mapper) {
        super(dataSource, mapper);
    }

    public Optional<RegistrationAttempt> find(String certname) {
        return query("SELECT certname, command, started_at, completed_at, outcome FROM registration_attempt "
                + "WHERE certname = ?", rs -> new RegistrationAttempt(rs.getString(1), rs.getString(2),
                        instant(rs, "started_at"), instant(rs, "completed_at"), rs.getString(5)), certname)
                .stream().findFirst();
    }

    public void recordIntent(String certname, String command, Instant now) {
        update("INSERT INTO registration_attempt (certname, command, started_at) VALUES (?, ?, ?)", certname, command,
                now);
    }

    public void recordCompletion(String certname, Instant now, String outcome) {
        update("UPDATE registration_attempt SET completed_at = ?, outcome = ? WHERE certname = ?", now, outcome,
                certname);
    }

    /** Forgets an attempt known not to have registered the node, so the command may run again. */
    public void forget(String certname) {
        update("DELETE FROM registration_attempt WHERE certname = ?", certname);
    }
}
