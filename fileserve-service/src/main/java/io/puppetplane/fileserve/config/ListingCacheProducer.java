package io.puppetplane.fileserve.config;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.puppetplane.fileserve.service.ListingCache;

/**
 * One listing cache per process, sized by {@code puppetplane.fileserve.listing-cache-entries}, its hits and misses
 * on /q/metrics ({@code puppetplane_fileserve_listing_requests_total{result=hit|miss}}); closed on stop.
 */
public class ListingCacheProducer {

    @Produces
    @Singleton
    ListingCache listingCache(FileserveConfig config, MeterRegistry registry) {
        ListingCache cache = new ListingCache(config.listingCacheEntries());
        FunctionCounter.builder("puppetplane.fileserve.listing.requests", cache, ListingCache::hits)
                .description("recursive file_metadatas requests answered from the listing cache").tag("result", "hit")
                .register(registry);
        FunctionCounter.builder("puppetplane.fileserve.listing.requests", cache, ListingCache::misses)
                .description("recursive file_metadatas requests that listed the tree").tag("result", "miss")
                .register(registry);
        return cache;
    }

    void close(@Disposes ListingCache cache) {
        cache.close();
    }
}
