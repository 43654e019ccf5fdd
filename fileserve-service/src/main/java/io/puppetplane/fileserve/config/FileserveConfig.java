package io.puppetplane.fileserve.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where fileserver.conf lives and how requests are attributed to clients. */
@ConfigMapping(prefix = "puppetplane.fileserve")
public interface FileserveConfig {

    /** The fileserver.conf to serve (no default: without it no mount exists and every request gets 404). */
    Optional<Path> configFile();

    /** How often fileserver.conf is checked for changes (size and modification time). Default 2 s. */
    @WithDefault("2s")
    Duration reloadInterval();

    /**
     * Proxies (CIDRs or addresses) whose {@code X-Forwarded-For} header is believed. Empty by default: the client
     * address is the TCP peer. (PROXY protocol is Quarkus' {@code quarkus.http.proxy.use-proxy-protocol}; enable it
     * only when the port is reachable through the proxy alone.)
     */
    Optional<List<String>> trustedProxies();

    /** Most checksums kept in memory (keyed by file identity, size and times). Default 100000. */
    @WithDefault("100000")
    int checksumCacheSize();

    /**
     * Most file_metadatas entries kept as whole recursive listings, dropped when a watched directory changes
     * (inotify). Default 100000 (about 20 MB); 0 disables it (for network file systems changed by other hosts).
     */
    @WithDefault("100000")
    int listingCacheEntries();
}
