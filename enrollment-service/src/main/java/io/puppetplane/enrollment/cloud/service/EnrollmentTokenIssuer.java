package io.puppetplane.enrollment.cloud.service;

/** Obtains one-time enrollment tokens, which agents present as challengePassword so the CA autosigns them. */
public interface EnrollmentTokenIssuer {

    /** A fresh token valid for {@code certname} only. */
    String issueToken(String certname) throws TokenUnavailableException;

    /** The CA could not be asked or refused. */
    class TokenUnavailableException extends Exception {
        public TokenUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
