package io.puppetplane.trust.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the revocation list comes from and how the client-certificate check behaves. */
@ConfigMapping(prefix = "puppetplane.trust")
public interface TrustConfig {

    /**
     * The CA's CRL endpoint, e.g. {@code https://localhost:8141/puppet-ca/v1/certificate_revocation_list/ca}; fetched
     * at start (retried until it answers) and then every {@link #crlRefreshInterval()}. No default: without it and
     * without {@link #crlFile()} only revocation events count.
     */
    Optional<URI> crlUrl();

    /** A PEM CRL file read at start and on every refresh (e.g. a mounted Secret); no default. */
    Optional<Path> crlFile();

    /** Pause between attempts while the first CRL cannot be loaded. Default 2 s. */
    @WithDefault("2s")
    Duration crlRetryInterval();

    /** How often a loaded CRL is fetched again, as a safety net for missed events. Default 5 min. */
    @WithDefault("5m")
    Duration crlRefreshInterval();

    /** Revocation events. */
    Events events();

    interface Events {
        /** Whether certificate-revoked events are read from Kafka ({@code kafka.bootstrap.servers}). Default true. */
        @WithDefault("true")
        boolean enabled();

        /** The topic carrying certificate lifecycle events. Default {@code puppetplane.certificates}. */
        @WithDefault("puppetplane.certificates")
        String topic();
    }
}
