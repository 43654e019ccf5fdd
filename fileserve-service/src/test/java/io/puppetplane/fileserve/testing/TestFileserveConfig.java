package io.puppetplane.fileserve.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.puppetplane.fileserve.config.FileserveConfig;

/** The service's configuration for unit tests that build its classes without Quarkus (no fileserver.conf unless said). */
public record TestFileserveConfig(List<String> proxies, int checksumCacheSize, int listingCacheEntries,
        Optional<Path> configFile) implements FileserveConfig {

    /** Small caches, no trusted proxy. */
    public static TestFileserveConfig defaults() {
        return new TestFileserveConfig(List.of(), 1000, 100_000, Optional.empty());
    }

    public static TestFileserveConfig trustingProxies(List<String> proxies) {
        return new TestFileserveConfig(proxies, 10, 0, Optional.empty());
    }

    public static TestFileserveConfig servingConfigFile(Path fileserverConf) {
        return new TestFileserveConfig(List.of(), 1000, 100_000, Optional.of(fileserverConf));
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
