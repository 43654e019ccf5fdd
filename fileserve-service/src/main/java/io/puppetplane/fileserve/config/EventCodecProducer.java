package io.puppetplane.fileserve.config;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.puppetplane.events.CloudEventCodec;
import io.quarkus.arc.DefaultBean;

/** The clock (replaceable in tests) and the codec whose source names this service in every event. */
@ApplicationScoped
public class EventCodecProducer {

    @Produces
    @ApplicationScoped
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @ApplicationScoped
    CloudEventCodec codec(@ConfigProperty(name = "quarkus.application.name") String serviceName, Clock clock) {
        return new CloudEventCodec(serviceName, clock);
    }
}
