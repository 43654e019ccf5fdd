package io.puppetplane.outbox;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.puppetplane.events.CloudEventCodec;
import io.quarkus.arc.DefaultBean;

/** One codec per service, whose name becomes the source of every event it produces. */
@ApplicationScoped
public class CodecProducer {

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
