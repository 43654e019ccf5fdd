package io.puppetplane.inventory.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** PuppetDB's settings that the inventory service honours, with PuppetDB's defaults. */
@ConfigMapping(prefix = "puppetplane.inventory")
public interface InventoryConfig {

    /**
     * How often the collector expires, purges and drops old reports, as a scheduler interval ({@code off} disables
     * it). PuppetDB's {@code gc-interval}, default 60 minutes.
     */
    @WithDefault("60m")
    String gcInterval();

    /** Nodes with no facts, catalog or report newer than this are expired. PuppetDB's {@code node-ttl}. */
    @WithDefault("P7D")
    Duration nodeTtl();

    /** Deactivated or expired nodes are deleted with all their data after this. PuppetDB's {@code node-purge-ttl}. */
    @WithDefault("P14D")
    Duration nodePurgeTtl();

    /** Most nodes purged per collection. PuppetDB's {@code node-purge-gc-batch-limit}. */
    @WithDefault("25")
    int nodePurgeBatchLimit();

    /** Reports whose producer timestamp is older are deleted with their events. PuppetDB's {@code report-ttl}. */
    @WithDefault("P14D")
    Duration reportTtl();

    /** Fact names dropped at ingestion. PuppetDB's {@code facts-blocklist} (exact names). */
    Optional<List<String>> factsBlocklist();

    /** Commands larger than this many bytes (uncompressed) are refused with 413; none by default, as in PuppetDB. */
    Optional<Long> maxCommandSize();

    /**
     * A file of certificate names, one a line, that may use the HTTPS listener; others get 403. PuppetDB's
     * {@code certificate-allowlist}. Without it any certificate of the plane's CA is accepted.
     */
    Optional<Path> certificateAllowlist();

    /** Address of the plain-HTTP listener, which has no authentication: loopback only unless told otherwise. */
    @WithDefault("127.0.0.1")
    String plainHttpHost();
}
