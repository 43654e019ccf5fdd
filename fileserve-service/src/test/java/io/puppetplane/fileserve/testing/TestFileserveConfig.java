package io.puppetplane.fileserve.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.puppetplane.fileserve.config.FileserveConfig;

/** The service's configuration for unit tests that build its classes without Quarkus: no fileserver.conf. */
public record TestFileserveConfig(List<String> proxies, int checksumCacheSize, int listingCacheEntries)
        implements FileserveConfig {

    /** Small caches, no trusted proxy. */
    public static TestFileserveConfig defaults() {
        return new TestFileserveConfig(List.of(), 1000, 100_000);
    }

    public static TestFileserveConfig trustingProxies(List<String> proxies) {
        return new TestFileserveConfig(proxies, 10, 0);
    }

    @Override
    public Optional<Path> configFile() {
        return Optional.empty();
    }

    @Override
    public Duration reloadInterval() {
        return Duration.ofSeconds(2);
    }

    @Override
    public Optional<List<String>> trustedProxies() {
        return proxies.isEmpty() ? Optional.empty() : Optional.of(proxies);
    }
}
