package io.puppetplane.ca.repository;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * The current CRL. Writers serialise on a transaction-scoped PostgreSQL advisory lock: it is released at commit,
 * rollback or when the holder's connection dies, so a crashed replica can never keep it.
 */
@ApplicationScoped
public class CrlRepository {

    /** Arbitrary constant naming the CRL writer lock. */
    static final long CRL_WRITER_LOCK = 0x7070_6361_636c_0001L;

    /** The stored CRL. */
    public record StoredCrl(BigInteger crlNumber, String crlPem, Instant thisUpdate, Instant nextUpdate) {
    }

    private final SqlStatements sql;

    CrlRepository(AgroalDataSource dataSource) {
        this.sql = new SqlStatements(dataSource);
    }

    /** Blocks until this transaction is the only CRL writer; must run inside a transaction. */
    public void lockForWriting() {
        sql.query("SELECT pg_advisory_xact_lock(?)", rs -> 1, CRL_WRITER_LOCK);
    }

    public Optional<StoredCrl> current() {
        return sql.query("SELECT * FROM crl WHERE id = 1", rs -> new StoredCrl(
                rs.getBigDecimal("crl_number").toBigInteger(), rs.getString("crl_pem"),
                SqlStatements.instant(rs, "this_update"), SqlStatements.instant(rs, "next_update"))).stream()
                .findFirst();
    }

    public void save(StoredCrl crl) {
        sql.update("INSERT INTO crl (id, crl_number, crl_pem, this_update, next_update) VALUES (1, ?, ?, ?, ?) "
                + "ON CONFLICT (id) DO UPDATE SET crl_number = EXCLUDED.crl_number, crl_pem = EXCLUDED.crl_pem, "
                + "this_update = EXCLUDED.this_update, next_update = EXCLUDED.next_update",
                new BigDecimal(crl.crlNumber()), crl.crlPem(), crl.thisUpdate(), crl.nextUpdate());
    }
}
