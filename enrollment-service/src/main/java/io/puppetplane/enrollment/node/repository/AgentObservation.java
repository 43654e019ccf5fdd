package io.puppetplane.enrollment.node.repository;

import java.time.Instant;
import java.util.Map;

/** What ca-service and catalog-service reported about an agent; every field is null until its event arrives. */
public record AgentObservation(String certname, Instant csrSubmittedAt, String csrFingerprint,
        String csrRequesterAddress, String csrAutosignDecision, Instant certificateSignedAt, String certificateSerial,
        Instant firstSuccessAt, String lastRunStatus, Instant lastRunAt, Map<String, Object> facts,
        Instant factsReceivedAt) {

    public static AgentObservation none(String certname) {
        return new AgentObservation(certname, null, null, null, null, null, null, null, null, null, null, null);
    }

    public boolean certificateRequested() {
        return csrSubmittedAt != null || certificateSignedAt != null;
    }

    public boolean certificateSigned() {
        return certificateSignedAt != null;
    }

    /** A CSR is pending when none was signed after it was submitted. */
    public boolean csrPending() {
        return csrSubmittedAt != null && (certificateSignedAt == null || certificateSignedAt.isBefore(csrSubmittedAt));
    }
}
