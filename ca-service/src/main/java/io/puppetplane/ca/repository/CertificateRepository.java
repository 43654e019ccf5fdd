package io.puppetplane.ca.repository;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/** Issued and imported certificates, their revocation state and the serial sequence. */
@ApplicationScoped
public class CertificateRepository {

    /** One certificate row. {@code certPem} is null for revoked serials known only from an imported CRL. */
    public record StoredCertificate(BigInteger serial, String certname, String certPem, String fingerprintSha256,
            Instant notBefore, Instant notAfter, String state, Instant revokedAt, boolean cleaned,
            String signedReason, Instant issuedAt, BigInteger renewedBy) {

        public boolean revoked() {
            return "revoked".equals(state);
        }
    }

    private final SqlStatements sql;

    CertificateRepository(AgroalDataSource dataSource) {
        this.sql = new SqlStatements(dataSource);
    }

    /** Serialises replicas that start at once, for this transaction (released at its end or by a dead connection). */
    public void lockBootstrap() {
        sql.query("SELECT pg_advisory_xact_lock(?)", rs -> 1, 0x7070_6361_626f_6f74L);
    }

    /** The next serial; a PostgreSQL sequence, so replicas never hand out the same one. */
    public BigInteger nextSerial() {
        return sql.query("SELECT nextval('certificate_serial')", rs -> BigInteger.valueOf(rs.getLong(1))).get(0);
    }

    /** Moves the sequence so the next serial is at least {@code next} (after an import). */
    public void advanceSerialTo(BigInteger next) {
        sql.query("SELECT setval('certificate_serial', GREATEST(?, (SELECT last_value FROM certificate_serial)), false)",
                rs -> rs.getLong(1), next.longValueExact());
    }

    public void insert(StoredCertificate c) {
        sql.update("INSERT INTO certificate (serial, certname, cert_pem, fingerprint_sha256, not_before, not_after, "
                + "state, revoked_at, cleaned, signed_reason, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (serial) DO NOTHING",
                new BigDecimal(c.serial()), c.certname(), c.certPem(), c.fingerprintSha256(), c.notBefore(),
                c.notAfter(), c.state(), c.revokedAt(), c.cleaned(), c.signedReason(), c.issuedAt());
    }

    /** The certificate a name currently holds (signed or revoked, not cleaned). */
    public Optional<StoredCertificate> live(String certname) {
        return sql.query("SELECT * FROM certificate WHERE certname = ? AND NOT cleaned", CertificateRepository::map,
                certname).stream().findFirst();
    }

    public Optional<StoredCertificate> liveForUpdate(String certname) {
        return sql.query("SELECT * FROM certificate WHERE certname = ? AND NOT cleaned FOR UPDATE",
                CertificateRepository::map, certname).stream().findFirst();
    }

    public List<StoredCertificate> allLive() {
        return sql.query("SELECT * FROM certificate WHERE NOT cleaned ORDER BY certname", CertificateRepository::map);
    }

    public List<StoredCertificate> revoked() {
        return sql.query("SELECT * FROM certificate WHERE state = 'revoked' ORDER BY serial", CertificateRepository::map);
    }

    public void markRevoked(BigInteger serial, Instant at) {
        sql.update("UPDATE certificate SET state = 'revoked', revoked_at = ? WHERE serial = ?", at,
                new BigDecimal(serial));
    }

    /** One certificate by serial, whatever its state. */
    public Optional<StoredCertificate> bySerialForUpdate(BigInteger serial) {
        return sql.query("SELECT * FROM certificate WHERE serial = ? FOR UPDATE", CertificateRepository::map,
                new BigDecimal(serial)).stream().findFirst();
    }

    /** Sets a renewed certificate aside: no longer the name's live one, still valid until it expires. */
    public void markRenewed(BigInteger serial, BigInteger successor) {
        sql.update("UPDATE certificate SET cleaned = true, renewed_by = ? WHERE serial = ?", new BigDecimal(successor),
                new BigDecimal(serial));
    }

    /**
     * The certificates renewed, directly or through others, into {@code serial} that are neither revoked nor
     * expired at {@code now}: the ones agents may still hold.
     */
    public List<StoredCertificate> unexpiredPredecessors(BigInteger serial, Instant now) {
        return sql.query("WITH RECURSIVE chain AS (SELECT * FROM certificate WHERE renewed_by = ? "
                + "UNION ALL SELECT c.* FROM certificate c JOIN chain ON c.renewed_by = chain.serial) "
                + "SELECT * FROM chain WHERE state = 'signed' AND not_after > ? ORDER BY serial",
                CertificateRepository::map, new BigDecimal(serial), now);
    }

    public void markCleaned(BigInteger serial) {
        sql.update("UPDATE certificate SET cleaned = true WHERE serial = ?", new BigDecimal(serial));
    }

    public boolean any() {
        return !sql.query("SELECT 1 FROM certificate LIMIT 1", rs -> 1).isEmpty();
    }

    private static StoredCertificate map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredCertificate(rs.getBigDecimal("serial").toBigInteger(), rs.getString("certname"),
                rs.getString("cert_pem"), rs.getString("fingerprint_sha256"), SqlStatements.instant(rs, "not_before"),
                SqlStatements.instant(rs, "not_after"), rs.getString("state"), SqlStatements.instant(rs, "revoked_at"),
                rs.getBoolean("cleaned"), rs.getString("signed_reason"), SqlStatements.instant(rs, "issued_at"),
                rs.getBigDecimal("renewed_by") == null ? null : rs.getBigDecimal("renewed_by").toBigInteger());
    }
}
