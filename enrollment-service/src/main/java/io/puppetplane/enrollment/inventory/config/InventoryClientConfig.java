package io.puppetplane.enrollment.inventory.config;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How this service reads facts and reports from inventory-service, the plane's owner of them, through PuppetDB's
 * query API v4. Over HTTPS the client certificate is this service's own ({@code puppetplane.tls.cert-file},
 * {@code key-file}, trusting {@code ca-file}), as the inventory's HTTPS listener requires one of the plane's CA;
 * an {@code http://} URL (the inventory's loopback listener) needs none.
 */
@ConfigMapping(prefix = "puppetplane.enrollment.inventory")
public interface InventoryClientConfig {

    /** Base URL of inventory-service's PuppetDB API. Default {@code https://localhost:8081}. */
    @WithDefault("https://localhost:8081")
    URI url();

    /**
     * Connecting and each query. Default 5 s; a page stops asking the inventory after its first failure, so an
     * unreachable inventory costs a page at most this once.
     */
    @WithDefault("PT5S")
    Duration timeout();
}
