package io.puppetplane.enrollment.operator.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * CSRF tokens for the dashboard's forms: {@code SECONDS.MAC}, an HMAC-SHA256 over the operator's name and the time
 * the page was rendered, keyed by the session key every replica shares. Another site can neither read a page to
 * copy a token nor compute one; a token is valid for {@link #MAX_AGE} and for its operator only.
 */
@ApplicationScoped
public class FormTokens {

    public static final String FIELD = "csrf-token";
    public static final Duration MAX_AGE = Duration.ofHours(12);

    private final byte[] key;
    private final Clock clock;

    FormTokens(@ConfigProperty(name = "quarkus.http.auth.session.encryption-key") Optional<String> sessionKey,
            Clock clock) {
        this.clock = clock;
        if (sessionKey.isPresent()) {
            this.key = ("form-token\n" + sessionKey.get()).getBytes(StandardCharsets.UTF_8);
        } else {
            // Quarkus then makes a random session key per process too: sessions and forms end with the process
            this.key = new byte[32];
            new SecureRandom().nextBytes(key);
        }
    }

    public String issue(String operator) {
        long now = clock.instant().getEpochSecond();
        return now + "." + mac(operator, now);
    }

    public boolean valid(String operator, String token) {
        if (token == null) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        long issued;
        try {
            issued = Long.parseLong(token.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        long age = clock.instant().getEpochSecond() - issued;
        if (age < -60 || age > MAX_AGE.toSeconds()) {
            return false;
        }
        return MessageDigest.isEqual(mac(operator, issued).getBytes(StandardCharsets.US_ASCII),
                token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(String operator, long issued) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] mac = hmac.doFinal((operator + "\n" + issued).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
