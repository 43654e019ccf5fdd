package io.puppetplane.ca.repository;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/** Append-only record of every CA decision, written in the transaction that makes it. */
@ApplicationScoped
public class AuditLog {

    /** One audit entry. */
    public record Entry(java.time.Instant at, String actor, String action, String certname, String detail) {
    }

    private final SqlStatements sql;
    private final Clock clock;

    AuditLog(AgroalDataSource dataSource, Clock clock) {
        this.sql = new SqlStatements(dataSource);
        this.clock = clock;
    }

    public void record(String actor, String action, String certname, String detail) {
        sql.update("INSERT INTO audit_log (at, actor, action, certname, detail) VALUES (?, ?, ?, ?, ?)",
                clock.instant(), actor, action, certname, detail);
    }

    public List<Entry> forCertname(String certname) {
        return sql.query("SELECT * FROM audit_log WHERE certname = ? ORDER BY id", rs -> new Entry(
                SqlStatements.instant(rs, "at"), rs.getString("actor"), rs.getString("action"),
                rs.getString("certname"), rs.getString("detail")), certname);
    }
}
