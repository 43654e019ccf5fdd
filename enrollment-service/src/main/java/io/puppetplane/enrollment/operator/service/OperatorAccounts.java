package io.puppetplane.enrollment.operator.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.puppetplane.enrollment.operator.config.OperatorConfig;
import io.puppetplane.enrollment.operator.repository.OperatorAccount;
import io.puppetplane.enrollment.operator.repository.OperatorAccountRepository;
import io.puppetplane.enrollment.operator.repository.OperatorRole;
import io.quarkus.runtime.StartupEvent;

/** Operator accounts: the first admin at start, then create/change/remove, and password checks. */
@ApplicationScoped
public class OperatorAccounts {

    public static final int MIN_PASSWORD_LENGTH = 12;

    private static final Logger LOG = Logger.getLogger(OperatorAccounts.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");

    /** A credential verified recently: the stored hash it was checked against and a keyed digest of it. */
    private record Verified(String storedHash, byte[] digest, Instant until) {
    }

    private final OperatorAccountRepository accounts;
    private final OperatorConfig config;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final LoginThrottle throttle;
    private final byte[] digestKey = new byte[32];

    OperatorAccounts(OperatorAccountRepository accounts, OperatorConfig config, Clock clock) {
        this.accounts = accounts;
        this.config = config;
        this.hasher = new PasswordHasher(config.passwordIterations());
        this.clock = clock;
        this.throttle = new LoginThrottle(config.maxFailedLogins(), config.lockout(), clock);
        new SecureRandom().nextBytes(digestKey);
    }

    @Transactional
    void createBootstrapAdmin(@Observes StartupEvent event) {
        if (accounts.count() > 0) {
            return;
        }
        Optional<String> password = config.bootstrapAdminPassword().filter(p -> !p.isBlank());
        if (password.isEmpty()) {
            LOG.warnf("no operator account exists and puppetplane.enrollment.operators.bootstrap-admin-password is "
                    + "not set: nobody can log in to the dashboard or use the API until it is set");
            return;
        }
        Instant now = clock.instant();
        String name = validName(config.bootstrapAdminName());
        accounts.insert(new OperatorAccount(name, OperatorRole.ADMIN, hasher.hash(validPassword(password.get())), now,
                now));
        LOG.infof("created the first operator account '%s' (admin) from bootstrap-admin-password", name);
    }

    /**
     * The account if {@code password} is its password; empty otherwise (unknown name, wrong password or a name locked
     * out by {@link LoginThrottle} alike).
     */
    public Optional<OperatorAccount> authenticate(String name, char[] password) {
        if (!throttle.allows(name)) {
            return Optional.empty();
        }
        Optional<OperatorAccount> result = check(name, password);
        if (result.isPresent()) {
            throttle.succeeded(name);
        } else {
            throttle.failed(name);
        }
        return result;
    }

    private Optional<OperatorAccount> check(String name, char[] password) {
        Optional<OperatorAccount> account = accounts.find(name);
        if (account.isEmpty()) {
            // one PBKDF2 round trip, as a real check costs, so timing does not tell which names exist
            hasher.hash(password);
            return Optional.empty();
        }
        String stored = account.get().passwordHash();
        byte[] digest = digest(name, password);
        Verified seen = verified.get(name);
        Instant now = clock.instant();
        if (seen != null && seen.storedHash().equals(stored) && now.isBefore(seen.until())
                && MessageDigest.isEqual(seen.digest(), digest)) {
            return account;
        }
        if (!PasswordHasher.matches(password, stored)) {
            return Optional.empty();
        }
        Duration ttl = config.verifiedCredentialTtl();
        if (!ttl.isZero()) {
            verified.put(name, new Verified(stored, digest, now.plus(ttl)));
        }
        return account;
    }

    /** The account behind a session cookie; empty when it has been removed since. */
    public Optional<OperatorAccount> find(String name) {
        return accounts.find(name);
    }

    public List<OperatorAccount> list() {
        return accounts.list();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public OperatorAccount create(String name, String role, String password) {
        String validName = validName(name);
        OperatorRole validRole = validRole(role);
        Instant now = clock.instant();
        OperatorAccount account = new OperatorAccount(validName, validRole, hasher.hash(validPassword(password)), now,
                now);
        if (!accounts.insert(account)) {
            throw new OperatorRequestException(OperatorRequestException.Kind.CONFLICT,
                    "operator '" + validName + "' exists already");
        }
        return account;
    }

    /** Changes the role and/or the password (null keeps it). The last admin cannot be made a viewer. */
    @Transactional(Transactional.TxType.MANDATORY)
    public OperatorAccount change(String name, String role, String password) {
        OperatorAccount account = accounts.find(name).orElseThrow(() -> notFound(name));
        OperatorRole newRole = role == null ? account.role() : validRole(role);
        if (account.role() == OperatorRole.ADMIN && newRole != OperatorRole.ADMIN) {
            requireAnotherAdmin(name);
        }
        String hash = password == null ? account.passwordHash() : hasher.hash(validPassword(password));
        accounts.update(name, newRole, hash, clock.instant());
        verified.remove(name);
        return accounts.find(name).orElseThrow();
    }

    /** Removes the account; its sessions end at their next request. The last admin cannot be removed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void remove(String name) {
        OperatorAccount account = accounts.find(name).orElseThrow(() -> notFound(name));
        if (account.role() == OperatorRole.ADMIN) {
            requireAnotherAdmin(name);
        }
        accounts.delete(name);
        verified.remove(name);
    }

    private void requireAnotherAdmin(String name) {
        if (accounts.lockOtherAdmins(name) == 0) {
            throw new OperatorRequestException(OperatorRequestException.Kind.CONFLICT,
                    "'" + name + "' is the last admin; make another admin first");
        }
    }

    private static OperatorRequestException notFound(String name) {
        return new OperatorRequestException(OperatorRequestException.Kind.NOT_FOUND, "no operator '" + name + "'");
    }

    private static String validName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new OperatorRequestException(OperatorRequestException.Kind.INVALID, "operator name '" + name
                    + "' is not valid: 1-64 of lower-case letters, digits, '.', '_', '@' and '-', starting with a "
                    + "letter or digit");
        }
        return name;
    }

    private static OperatorRole validRole(String role) {
        return OperatorRole.fromWireName(role).orElseThrow(() -> new OperatorRequestException(
                OperatorRequestException.Kind.INVALID, "role '" + role + "' is not one of admin, viewer"));
    }

    private static char[] validPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new OperatorRequestException(OperatorRequestException.Kind.INVALID,
                    "a password needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        return password.toCharArray();
    }

    private byte[] digest(String name, char[] password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(digestKey);
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(new String(password).getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
