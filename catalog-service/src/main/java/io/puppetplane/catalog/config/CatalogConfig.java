package io.puppetplane.catalog.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of catalog-service (prefix {@code puppetplane.catalog}). */
@ConfigMapping(prefix = "puppetplane.catalog")
public interface CatalogConfig {

    /** Code directory holding {@code environments/<env>/{manifests,modules,data,hiera.yaml,environment.conf}}. */
    @WithDefault("/etc/puppetlabs/code")
    Path codedir();

    /**
     * Where immutable copies of each environment version live; compiles and file serving read only these, so no
     * compile sees half a deploy. Default: a directory under the JVM's temp dir.
     */
    @WithDefault("${java.io.tmpdir}/puppetplane-catalog/snapshots")
    Path snapshotDir();

    /** Versions kept per environment after a newer one is live, so agents can still fetch static content by code_id. */
    @WithDefault("3")
    int snapshotsKept();

    /** How often the code directory is checked for changes (a code-deployed event triggers a check at once). */
    @WithDefault("5s")
    Duration refreshInterval();

    /**
     * Puppet settings code reads as {@code $settings::NAME} ({@code puppetplane.catalog.settings.confdir=...}), as
     * Puppet Server gives its own; {@code codedir} and {@code environmentpath} are always this service's. Values
     * {@code true}/{@code false} and whole numbers are given as Boolean and Integer.
     */
    Map<String, String> settings();

    /** This server's certname: what PuppetDB records as the producer of the catalogs it compiles. */
    @WithDefault("puppet")
    String serverCertname();

    Compile compile();

    Puppetdb puppetdb();

    Spool spool();

    Fileserve fileserve();

    interface Compile {
        /** Catalogs compiled at the same time (CPU bound: about the number of cores). */
        @WithDefault("2")
        int maxConcurrent();

        /** Catalog requests allowed to wait for a compile slot; more are answered 503 with Retry-After. */
        @WithDefault("64")
        int queueLimit();

        /** Longest wait for a compile slot before answering 503. */
        @WithDefault("10s")
        Duration queueTimeout();

        /** Seconds sent in Retry-After with a 503; the agent sleeps that long and retries the same request. */
        @WithDefault("5")
        int retryAfterSeconds();
    }

    interface Puppetdb {
        /**
         * The inventory's PuppetDB API (https://inventory:8081). Set, storeconfigs is on: exported collectors and
         * {@code puppetdb_query()} ask it, and code reads {@code $settings::storeconfigs} as true. Unset, exported
         * collectors collect nothing, as in Puppet Server without PuppetDB.
         */
        Optional<URI> url();

        /** Longest wait for one answer; a compile whose query times out fails with the reason. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface Spool {
        /** Local directory where outgoing events wait until Kafka acknowledges them. */
        @WithDefault("${java.io.tmpdir}/puppetplane-catalog/spool")
        Path dir();

        /** Most events kept waiting; beyond it reports are refused with 503 and facts events are dropped. */
        @WithDefault("10000")
        int maxEvents();

        /** How long a send may wait for Kafka before the event stays in the spool for the next attempt. */
        @WithDefault("10s")
        Duration sendTimeout();

        /** How long a stopping replica keeps publishing its spool (within the pod's termination grace period). */
        @WithDefault("15s")
        Duration drainOnShutdown();
    }

    interface Fileserve {
        /** Mounts served by fileserve-service; {@code puppet:///MOUNT/...} sources are rewritten to its endpoint. */
        @WithDefault("eucakeys")
        List<String> mounts();

        /** host:port of fileserve-service as agents dial it. */
        @WithDefault("localhost:8142")
        String server();
    }
}
