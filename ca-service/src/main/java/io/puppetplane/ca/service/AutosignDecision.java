package io.puppetplane.ca.service;

import java.util.Optional;

/**
 * Whether a CSR is signed at once, and why (recorded in the audit log and in CsrSubmitted.autosignDecision).
 * {@code tokenSha256} is set when a one-time token decided it; the token is consumed in the signing transaction.
 */
public record AutosignDecision(boolean sign, String reason, Optional<String> tokenSha256) {

    public static AutosignDecision sign(String reason) {
        return new AutosignDecision(true, reason, Optional.empty());
    }

    public static AutosignDecision pending(String reason) {
        return new AutosignDecision(false, reason, Optional.empty());
    }

    /** The text stored and published: {@code signed: <rule>} or {@code pending: <why>}. */
    public String summary() {
        return (sign ? "signed: " : "pending: ") + reason;
    }
}
