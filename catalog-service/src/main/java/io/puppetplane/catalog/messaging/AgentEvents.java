package io.puppetplane.catalog.messaging;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.puppetplane.catalog.config.CatalogConfig;
import io.puppetplane.catalog.service.PuppetApiException;
import io.puppetplane.lang.catalog.Catalog;
import io.puppetplane.lang.catalog.PuppetDbCatalog;
import io.puppetplane.events.CloudEventCodec;
import io.puppetplane.events.payload.CatalogCompiled;
import io.puppetplane.events.payload.FactsReceived;
import io.puppetplane.events.payload.ReportReceived;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Facts and reports from agents and the catalogs compiled for them, turned into events and handed to the {@link EventSpool}. */
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
    private final Counter catalogsDropped;

    @Inject
    public AgentEvents(MeterRegistry registry) {
        this.factsDropped = registry.counter("catalog.events.facts.dropped");
        this.catalogsDropped = registry.counter("catalog.events.catalogs.dropped");
    }

    /** Facts are the latest value per node: when the spool is full they are dropped, the next run resends them. */
    public void factsReceived(String certname, String environment, Map<String, Object> values) {
        FactsReceived payload = new FactsReceived(certname, environment, values, clock.instant());
        if (!spool.offer(codec.encode(payload, certname), false)) {
            factsDropped.increment();
            LOG.warnf("event spool full: facts of %s not published", certname);
        }
    }

    /**
     * A compiled catalog in the form PuppetDB's terminus stores it, for the inventory. Like facts, only the latest
     * counts: when the spool is full it is dropped (the node's next run sends a newer one). A catalog the terminus
     * would refuse (a relationship to a resource it lacks) is not published, as PuppetDB would not store it.
     */
    public void catalogCompiled(Catalog catalog, String transactionUuid, String jobId) {
        Instant now = clock.instant();
        ObjectNode wire;
        try {
            wire = PuppetDbCatalog.of(catalog, transactionUuid, jobId, now, config.serverCertname());
        } catch (IllegalArgumentException e) {
            catalogsDropped.increment();
            LOG.warnf("catalog of %s not published: %s", catalog.name(), e.getMessage());
            return;
        }
        CatalogCompiled payload = new CatalogCompiled(catalog.name(), catalog.environment(), transactionUuid,
            catalog.codeId(), now, wire);
        if (!spool.offer(codec.encode(payload, catalog.name()), false)) {
            catalogsDropped.increment();
            LOG.warnf("event spool full: catalog of %s not published", catalog.name());
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
