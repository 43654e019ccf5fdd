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
public class CatalogInputsReadiness implements HealthCheck {

    @Inject
    NodeClassifications classifications;

    @Inject
    CodeSnapshots code;

    @Override
    public HealthCheckResponse call() {
        boolean codeLoaded = code.loaded();
        return HealthCheckResponse.named("catalog inputs")
            .status(classifications.loaded() && codeLoaded)
            .withData("classified nodes", classifications.size())
            .withData("environments", codeLoaded ? String.join(",", code.environments()) : "loading")
            .build();
    }
}
