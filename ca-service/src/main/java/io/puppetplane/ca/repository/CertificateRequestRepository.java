package io.puppetplane.ca.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/** Pending CSRs, one per certname. */
@ApplicationScoped
public class CertificateRequestRepository {

    /** A stored CSR. */
    public record StoredRequest(String certname, String csrPem, String fingerprintSha256, String requesterAddress,
            String extensionsJson, String autosignDecision, Instant submittedAt) {
    }

    private final SqlStatements sql;

    CertificateRequestRepository(AgroalDataSource dataSource) {
        this.sql = new SqlStatements(dataSource);
    }

    public void insert(StoredRequest r) {
        sql.update("INSERT INTO certificate_request (certname, csr_pem, fingerprint_sha256, requester_address, "
                + "extensions, autosign_decision, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?)", r.certname(), r.csrPem(),
                r.fingerprintSha256(), r.requesterAddress(), r.extensionsJson(), r.autosignDecision(), r.submittedAt());
    }

    public Optional<StoredRequest> find(String certname) {
        return sql.query("SELECT * FROM certificate_request WHERE certname = ?", CertificateRequestRepository::map,
                certname).stream().findFirst();
    }

    /** Locks the row so two replicas cannot sign the same CSR twice. */
    public Optional<StoredRequest> findForUpdate(String certname) {
        return sql.query("SELECT * FROM certificate_request WHERE certname = ? FOR UPDATE",
                CertificateRequestRepository::map, certname).stream().findFirst();
    }

    public List<StoredRequest> all() {
        return sql.query("SELECT * FROM certificate_request ORDER BY certname", CertificateRequestRepository::map);
    }

    public boolean delete(String certname) {
        return sql.update("DELETE FROM certificate_request WHERE certname = ?", certname) == 1;
    }

    private static StoredRequest map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredRequest(rs.getString("certname"), rs.getString("csr_pem"), rs.getString("fingerprint_sha256"),
                rs.getString("requester_address"), rs.getString("extensions"), rs.getString("autosign_decision"),
                SqlStatements.instant(rs, "submitted_at"));
    }
}
