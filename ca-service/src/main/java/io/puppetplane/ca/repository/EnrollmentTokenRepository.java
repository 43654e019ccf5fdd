package io.puppetplane.ca.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/** One-time enrollment tokens, stored as SHA-256 hashes. */
@ApplicationScoped
public class EnrollmentTokenRepository {

    private final SqlStatements sql;

    EnrollmentTokenRepository(AgroalDataSource dataSource) {
        this.sql = new SqlStatements(dataSource);
    }

    public void insert(String tokenSha256, String certname, String issuedTo, Instant issuedAt, Instant expiresAt) {
        sql.update("INSERT INTO enrollment_token (token_sha256, certname, issued_to, issued_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?)", tokenSha256, certname, issuedTo, issuedAt, expiresAt);
    }

    public boolean isUsable(String tokenSha256, String certname, Instant now) {
        return !sql.query("SELECT 1 FROM enrollment_token WHERE token_sha256 = ? AND certname = ? "
                + "AND consumed_at IS NULL AND expires_at > ?", rs -> 1, tokenSha256, certname, now).isEmpty();
    }

    /** Marks the token used if it is for {@code certname}, unexpired and unused; true if this call consumed it. */
    public boolean consume(String tokenSha256, String certname, Instant now) {
        return sql.update("UPDATE enrollment_token SET consumed_at = ? WHERE token_sha256 = ? AND certname = ? "
                + "AND consumed_at IS NULL AND expires_at > ?", now, tokenSha256, certname, now) == 1;
    }
}
