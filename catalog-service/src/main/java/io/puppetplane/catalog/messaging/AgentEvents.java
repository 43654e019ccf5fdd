package io.puppetplane.catalog.messaging;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.puppetplane.catalog.config.CatalogConfig;
import io.puppetplane.catalog.service.PuppetApiException;
import io.puppetplane.events.CloudEventCodec;
import io.puppetplane.events.payload.FactsReceived;
import io.puppetplane.events.payload.ReportReceived;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Facts and reports from agents, turned into events and handed to the {@link EventSpool}. */
@ApplicationScoped
public class AgentEvents {

    private static final Logger LOG = Logger.getLogger(AgentEvents.class);

    @Inject
    EventSpool spool;

    @Inject
    CloudEventCodec codec;

    @Inject
    Clock clock;

    @Inject
    CatalogConfig config;

    private final Counter factsDropped;

    @Inject
    public AgentEvents(MeterRegistry registry) {
        this.factsDropped = registry.counter("catalog.events.facts.dropped");
    }

    /** Facts are the latest value per node: when the spool is full they are dropped, the next run resends them. */
    public void factsReceived(String certname, String environment, Map<String, Object> values) {
        FactsReceived payload = new FactsReceived(certname, environment, values, clock.instant());
        if (!spool.offer(codec.encode(payload, certname), false)) {
            factsDropped.increment();
            LOG.warnf("event spool full: facts of %s not published", certname);
        }
    }

    /** A report must not be lost: when the spool is full the agent is told to retry later (503 + Retry-After). */
    public void reportReceived(String certname, JsonNode report) {
        ReportReceived payload = new ReportReceived(certname, text(report, "environment"), text(report, "status"),
            text(report, "configuration_version"), text(report, "transaction_uuid"), text(report, "catalog_uuid"),
            text(report, "code_id"), report.path("noop").asBoolean(false), time(report), report);
        if (!spool.offer(codec.encode(payload, certname), true)) {
            throw PuppetApiException.overloaded("the report queue is full",
                config.compile().retryAfterSeconds());
        }
    }

    private static String text(JsonNode report, String field) {
        JsonNode node = report.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private Instant time(JsonNode report) {
        String time = text(report, "time");
        if (time == null) {
            return clock.instant();
        }
        try {
            return OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            return clock.instant();
        }
    }
}
