package io.puppetplane.fileserve.config;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.puppetplane.fileserve.service.ListingCache;

/** One listing cache per process, sized by {@code puppetplane.fileserve.listing-cache-entries}; closed on stop. */
public class ListingCacheProducer {

    @Produces
    @Singleton
    ListingCache listingCache(FileserveConfig config) {
        return new ListingCache(config.listingCacheEntries());
    }

    void close(@Disposes ListingCache cache) {
        cache.close();
    }
}
