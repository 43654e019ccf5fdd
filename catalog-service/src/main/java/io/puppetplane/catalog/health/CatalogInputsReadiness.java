package io.puppetplane.catalog.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.puppetplane.catalog.service.CodeSnapshots;
import io.puppetplane.catalog.service.NodeClassifications;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Ready to compile once every operator classification has been read (a catalog without it would miss classes) and
 * the code dir has been loaded. Going DOWN on shutdown is Quarkus' own shutdown readiness check.
 */
@Readiness
@ApplicationScoped
public class ClassificationReadiness implements HealthCheck {

    @Inject
    NodeClassifications classifications;

    @Inject
    CodeSnapshots code;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("catalog inputs")
            .status(classifications.loaded())
            .withData("classified nodes", classifications.size())
            .withData("environments", String.join(",", code.environments()))
            .build();
    }
}
