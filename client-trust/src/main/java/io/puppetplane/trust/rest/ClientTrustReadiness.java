package io.puppetplane.trust.rest;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.puppetplane.trust.RevocationRegistry;
import io.puppetplane.trust.messaging.RevocationEventConsumer;
import io.puppetplane.trust.service.CrlLoader;

/** Not ready until the CA's CRL is loaded (when a source is configured): before that, no revocation is known. */
@Readiness
@ApplicationScoped
public class ClientTrustReadiness implements HealthCheck {

    private final RevocationRegistry revocations;
    private final CrlLoader crlLoader;
    private final RevocationEventConsumer events;

    ClientTrustReadiness(RevocationRegistry revocations, CrlLoader crlLoader, RevocationEventConsumer events) {
        this.revocations = revocations;
        this.crlLoader = crlLoader;
        this.events = events;
    }

    @Override
    public HealthCheckResponse call() {
        boolean crlReady = !crlLoader.configured() || revocations.crlLoadedAt().isPresent();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("client-trust").status(crlReady)
                .withData("revoked-serials", revocations.size())
                .withData("crl", revocations.crlLoadedAt().map(Object::toString)
                        .orElse(crlLoader.configured() ? "not loaded: " + crlLoader.lastFailure() : "not configured"))
                .withData("revocation-events", events.enabled() ? (events.caughtUp() ? "caught up" : "catching up")
                        : "disabled");
        return builder.build();
    }
}
