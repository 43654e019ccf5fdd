package io.puppetplane.enrollment.node.repository;

import java.time.Instant;

/**
 * What the pipeline learned about an agent from other services' events, and needs to decide its next step: its
 * certificate request and signature (ca-service), and its first successful run (catalog-service's reports). Facts
 * and reports themselves belong to inventory-service. Every field is null until its event arrives.
 */
public record AgentObservation(String certname, Instant csrSubmittedAt, String csrFingerprint,
        String csrRequesterAddress, String csrAutosignDecision, Instant certificateSignedAt, String certificateSerial,
        Instant firstSuccessAt) {

    public static AgentObservation none(String certname) {
        return new AgentObservation(certname, null, null, null, null, null, null, null);
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
