package io.puppetplane.enrollment.node.repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;

/**
 * What the pipeline observed per certname from other services' events: certificate requests and signatures, and the
 * first successful run. Facts and reports are inventory-service's ({@code PuppetDbQueries}).
 */
@Singleton
public class ObservationRepository extends JdbcRepository {

    ObservationRepository(AgroalDataSource dataSource, ObjectMapper mapper) {
        super(dataSource, mapper);
    }

    public AgentObservation find(String certname) {
        return query("SELECT * FROM agent_observation WHERE certname = ?", this::read, certname).stream().findFirst()
                .orElse(AgentObservation.none(certname));
    }

    public void forget(String certname) {
        update("DELETE FROM agent_observation WHERE certname = ?", certname);
    }

    public void recordCsr(String certname, Instant submittedAt, String fingerprint, String requester,
            String autosignDecision) {
        update("INSERT INTO agent_observation (certname, csr_submitted_at, csr_fingerprint, csr_requester_address, "
                + "csr_autosign_decision) VALUES (?, ?, ?, ?, ?) ON CONFLICT (certname) DO UPDATE SET "
                + "csr_submitted_at = excluded.csr_submitted_at, csr_fingerprint = excluded.csr_fingerprint, "
                + "csr_requester_address = excluded.csr_requester_address, "
                + "csr_autosign_decision = excluded.csr_autosign_decision", certname, submittedAt, fingerprint,
                requester, autosignDecision);
    }

    public void recordSigned(String certname, Instant signedAt, String serial) {
        update("INSERT INTO agent_observation (certname, certificate_signed_at, certificate_serial) VALUES (?, ?, ?) "
                + "ON CONFLICT (certname) DO UPDATE SET certificate_signed_at = excluded.certificate_signed_at, "
                + "certificate_serial = excluded.certificate_serial", certname, signedAt, serial);
    }

    /**
     * Records a successful run (one that applied a catalog): the earliest one is the node's first successful run,
     * which later runs, or an older report arriving late, can only move earlier. Runs that failed are not recorded:
     * the inventory keeps every report.
     */
    public void recordSuccessfulRun(String certname, Instant runAt) {
        update("INSERT INTO agent_observation (certname, first_success_at) VALUES (?, ?) ON CONFLICT (certname) "
                + "DO UPDATE SET first_success_at = least(agent_observation.first_success_at, "
                + "excluded.first_success_at)", certname, runAt);
    }

    /** The CA forgot the node's request (an operator rejected it): it is no longer pending. */
    public void forgetCsr(String certname) {
        update("UPDATE agent_observation SET csr_submitted_at = NULL, csr_fingerprint = NULL, "
                + "csr_requester_address = NULL, csr_autosign_decision = NULL WHERE certname = ?", certname);
    }

    /** Certificate requests with no certificate signed after them, oldest first. */
    public List<AgentObservation> pendingCsrs() {
        return query("SELECT * FROM agent_observation WHERE csr_submitted_at IS NOT NULL AND "
                + "(certificate_signed_at IS NULL OR certificate_signed_at < csr_submitted_at) "
                + "ORDER BY csr_submitted_at", this::read);
    }

    private AgentObservation read(ResultSet rs) throws SQLException {
        return new AgentObservation(rs.getString("certname"), instant(rs, "csr_submitted_at"),
                rs.getString("csr_fingerprint"), rs.getString("csr_requester_address"),
                rs.getString("csr_autosign_decision"), instant(rs, "certificate_signed_at"),
                rs.getString("certificate_serial"), instant(rs, "first_success_at"));
    }
}
