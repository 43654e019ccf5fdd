package io.puppetplane.enrollment.node.repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;

/** Observations from other services' events: certificates, facts and run reports per certname. */
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
        update("DELETE FROM node_report WHERE certname = ?", certname);
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
     * Keeps the newest facts: events of one node reach us through several catalog replicas, and a replica restarted
     * after a crash sends what its spool held, so an older set may arrive after a newer one.
     */
    public void recordFacts(String certname, Map<String, Object> facts, Instant receivedAt) {
        update("INSERT INTO agent_observation (certname, facts, facts_received_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (certname) DO UPDATE SET facts = excluded.facts, "
                + "facts_received_at = excluded.facts_received_at WHERE agent_observation.facts_received_at IS NULL "
                + "OR agent_observation.facts_received_at <= excluded.facts_received_at", certname, json(facts),
                receivedAt);
    }

    /**
     * Records a run; the first run that applied a catalog (status changed or unchanged) sets first_success_at,
     * which later runs never move. The last run is the latest by run time, not by arrival: a report held in a
     * crashed replica's spool arrives after newer ones.
     */
    public void recordRun(RunReport report, boolean successful, int keepReports) {
        update("INSERT INTO node_report (certname, status, environment, configuration_version, transaction_uuid, "
                + "noop, run_at, received_at, events) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", report.certname(),
                report.status(), report.environment(), report.configurationVersion(), report.transactionUuid(),
                report.noop(), report.runAt(), report.receivedAt(), json(report.events()));
        update("DELETE FROM node_report WHERE certname = ? AND id NOT IN (SELECT id FROM node_report "
                + "WHERE certname = ? ORDER BY run_at DESC, id DESC LIMIT ?)", report.certname(), report.certname(),
                keepReports);
        update("INSERT INTO agent_observation (certname, last_run_status, last_run_at, first_success_at) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (certname) DO UPDATE SET "
                + "last_run_status = CASE WHEN agent_observation.last_run_at IS NULL "
                + "OR agent_observation.last_run_at <= excluded.last_run_at THEN excluded.last_run_status "
                + "ELSE agent_observation.last_run_status END, "
                + "last_run_at = greatest(agent_observation.last_run_at, excluded.last_run_at), first_success_at = "
                + "least(agent_observation.first_success_at, excluded.first_success_at)", report.certname(),
                report.status(), report.runAt(), successful ? report.runAt() : null);
    }

    public List<RunReport> recentReports(String certname, int limit) {
        return query("SELECT * FROM node_report WHERE certname = ? ORDER BY run_at DESC, id DESC LIMIT ?",
                this::readReport, certname, limit);
    }

    public List<RunReport> recentReports(int limit) {
        return query("SELECT * FROM node_report ORDER BY run_at DESC, id DESC LIMIT ?", this::readReport, limit);
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

    private static final com.fasterxml.jackson.core.type.TypeReference<List<ReportEvent>> EVENTS =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };

    private RunReport readReport(ResultSet rs) throws SQLException {
        return new RunReport(rs.getString("certname"), rs.getString("status"), rs.getString("environment"),
                rs.getString("configuration_version"), rs.getString("transaction_uuid"), rs.getBoolean("noop"),
                instant(rs, "run_at"), instant(rs, "received_at"), fromJson(rs.getString("events"), EVENTS));
    }

    private AgentObservation read(ResultSet rs) throws SQLException {
        return new AgentObservation(rs.getString("certname"), instant(rs, "csr_submitted_at"),
                rs.getString("csr_fingerprint"), rs.getString("csr_requester_address"),
                rs.getString("csr_autosign_decision"), instant(rs, "certificate_signed_at"),
                rs.getString("certificate_serial"), instant(rs, "first_success_at"), rs.getString("last_run_status"),
                instant(rs, "last_run_at"), fromJson(rs.getString("facts"), OBJECT), instant(rs, "facts_received_at"));
    }
}
