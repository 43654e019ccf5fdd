package io.puppetplane.enrollment.operator.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Who may operate the plane. Accounts live in this service's database; the first admin comes from here, so a new
 * plane is never open: without {@code bootstrap-admin-password} and without accounts nobody can log in (logged).
 */
@ConfigMapping(prefix = "puppetplane.enrollment.operators")
public interface OperatorConfig {

    /** Name of the admin account created at start when no account exists. Default {@code admin}. */
    @WithDefault("admin")
    String bootstrapAdminName();

    /**
     * Its password (at least 12 characters). Used once, while the account table is empty; later changes go through
     * the API. {@code deploy/local/up} generates one and prints it.
     */
    Optional<String> bootstrapAdminPassword();

    /**
     * PBKDF2-HMAC-SHA256 iterations for new password hashes. Default 210000 (OWASP's figure for this hash); stored
     * hashes keep their own count, so raising it needs no migration.
     */
    @WithDefault("210000")
    int passwordIterations();

    /**
     * How long a verified HTTP Basic credential is remembered in memory (as a salted SHA-256), so API clients do not
     * pay a full PBKDF2 verification per request. Default 5 minutes; 0 disables it.
     */
    @WithDefault("PT5M")
    Duration verifiedCredentialTtl();

    /** Wrong passwords for one name, within {@link #lockout()}, after which its logins are refused. Default 10. */
    @WithDefault("10")
    int maxFailedLogins();

    /** How long a name stays locked out after its last wrong password. Default 15 minutes. */
    @WithDefault("PT15M")
    Duration lockout();

    /**
     * Browser origins, besides this service's own, whose requests may change things (the {@code Origin} of a
     * dashboard served through a proxy that rewrites {@code Host}), such as {@code https://puppet.example.com}.
     */
    Optional<List<String>> allowedOrigins();
}
