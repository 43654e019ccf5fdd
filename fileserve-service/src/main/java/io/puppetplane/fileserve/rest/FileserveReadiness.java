package io.puppetplane.fileserve.rest;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.puppetplane.fileserve.service.FileserverConfigWatcher;

/**
 * Not ready until fileserver.conf has been looked at once. A missing file is no custom mounts; a broken one keeps the
 * last good version (none at first) and is named in {@code last-error}, so an operator sees why without agents being
 * held off.
 */
@Readiness
@ApplicationScoped
public class FileserveReadiness implements HealthCheck {

    private final FileserverConfigWatcher config;

    FileserveReadiness(FileserverConfigWatcher config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("fileserver.conf").status(config.loaded())
                .withData("mounts", String.join(",", config.current().mounts().keySet()))
                .withData("last-error", config.lastError())
                .build();
    }
}
