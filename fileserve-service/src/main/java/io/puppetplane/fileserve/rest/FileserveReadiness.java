package io.puppetplane.fileserve.rest;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.puppetplane.fileserve.service.FileserverConfigWatcher;

/** Not ready until fileserver.conf has been loaded once; later parse errors keep the last good version (and say so). */
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
