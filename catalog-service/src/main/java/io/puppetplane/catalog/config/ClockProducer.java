package io.puppetplane.catalog.config;

import java.time.Clock;

import io.puppetplane.events.CloudEventCodec;

import jakarta.inject.Singleton;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The clock and event codec of the service, one of each, so tests can replace them. */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Events from this service say they come from /puppetplane/catalog-service. */
    @Produces
    @Singleton
    CloudEventCodec codec(Clock clock) {
        return new CloudEventCodec("catalog-service", clock);
    }
}
