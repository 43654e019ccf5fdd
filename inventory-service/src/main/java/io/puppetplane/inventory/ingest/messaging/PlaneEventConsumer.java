package io.puppetplane.inventory.ingest.messaging;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.puppetplane.events.CloudEventCodec;
import io.puppetplane.events.EventType;
import io.puppetplane.events.ReceivedEvent;
import io.puppetplane.events.payload.CatalogCompiled;
import io.puppetplane.events.payload.FactsReceived;
import io.puppetplane.events.payload.NodeStateChanged;
import io.puppetplane.events.payload.ReportReceived;
import io.puppetplane.inventory.ingest.service.AgentReportConverter;
import io.puppetplane.inventory.ingest.service.Command;
import io.puppetplane.inventory.ingest.service.CommandName;
import io.puppetplane.inventory.ingest.service.CommandProcessor;
import io.puppetplane.inventory.ingest.service.InvalidCommandException;
import io.puppetplane.outbox.InboxGuard;
import io.smallrye.common.annotation.Blocking;

/**
 * The plane's facts, catalogs and reports from catalog-service (and decommissions from enrollment-service), turned into the PuppetDB commands Puppet Server's
 * terminus would have sent and applied by the same {@link CommandProcessor}, once per event id (inbox row in the
 * command's transaction). The producer is the publishing service, as PuppetDB records the submitting server.
 */
@ApplicationScoped
public class PlaneEventConsumer {

    private static final Logger LOG = Logger.getLogger(PlaneEventConsumer.class);

    private final InboxGuard inbox;
    private final CommandProcessor processor;
    private final ObjectMapper mapper;

    PlaneEventConsumer(InboxGuard inbox, CommandProcessor processor, ObjectMapper mapper) {
        this.inbox = inbox;
        this.processor = processor;
        this.mapper = mapper;
    }

    @Incoming("facts-in")
    @Blocking
    public void onFacts(String value) {
        inbox.applyOnce("inventory-facts", value, event -> apply(event, EventType.FACTS_RECEIVED, () -> {
            FactsReceived facts = event.payload(FactsReceived.class);
            Instant at = facts.receivedAt() != null ? facts.receivedAt() : event.time().toInstant();
            ObjectNode payload = mapper.createObjectNode();
            payload.put("certname", facts.certname());
            payload.put("environment", facts.environment());
            payload.set("values", mapper.valueToTree(facts.values()));
            payload.put("producer_timestamp", at.toString());
            payload.put("producer", producer(event));
            return new Command(CommandName.REPLACE_FACTS, 5, facts.certname(), Optional.of(at), payload, at);
        }));
    }

    @Incoming("catalogs-in")
    @Blocking
    public void onCatalog(String value) {
        inbox.applyOnce("inventory-catalogs", value, event -> apply(event, EventType.CATALOG_COMPILED, () -> {
            CatalogCompiled compiled = event.payload(CatalogCompiled.class);
            if (compiled.catalog() == null || !compiled.catalog().isObject()) {
                throw new InvalidCommandException("the event carries no catalog");
            }
            ObjectNode payload = ((ObjectNode) compiled.catalog()).deepCopy();
            if (!payload.hasNonNull("producer")) {
                payload.put("producer", producer(event));
            }
            Instant at = compiled.producerTimestamp() != null ? compiled.producerTimestamp()
                    : event.time().toInstant();
            return new Command(CommandName.REPLACE_CATALOG, 9, compiled.certname(), Optional.of(at), payload,
                    event.time().toInstant());
        }));
    }

    @Incoming("reports-in")
    @Blocking
    public void onReport(String value) {
        inbox.applyOnce("inventory-reports", value, event -> apply(event, EventType.REPORT_RECEIVED, () -> {
            ReportReceived report = event.payload(ReportReceived.class);
            Instant at = event.time().toInstant();
            ObjectNode payload = AgentReportConverter.toStoreReport(report.report(), at, producer(event));
            if (!payload.hasNonNull("certname")) {
                payload.put("certname", report.certname());
            }
            return new Command(CommandName.STORE_REPORT, 8, payload.get("certname").asText(), Optional.of(at),
                    payload, at);
        }));
    }

    /**
     * A node the operator decommissioned in enrollment-service is deactivated here, as {@code puppet node deactivate}
     * does: its exported resources leave other nodes' collections at once, and it is purged after node-purge-ttl.
     */
    @Incoming("nodes-in")
    @Blocking
    public void onNodeState(String value) {
        inbox.applyOnce("inventory-nodes", value, event -> {
            if (event.eventType().filter(EventType.NODE_STATE_CHANGED::equals).isEmpty()) {
                return;
            }
            NodeStateChanged change = event.payload(NodeStateChanged.class);
            if (!"decommissioned".equals(change.toState())) {
                return;
            }
            apply(event, EventType.NODE_STATE_CHANGED, () -> {
                Instant at = change.changedAt() != null ? change.changedAt() : event.time().toInstant();
                ObjectNode payload = mapper.createObjectNode();
                payload.put("certname", change.certname());
                payload.put("producer_timestamp", at.toString());
                return new Command(CommandName.DEACTIVATE_NODE, 3, change.certname(), Optional.of(at), payload, at);
            });
        });
    }

    /** A command built from an event. */
    @FunctionalInterface
    private interface CommandFromEvent {
        Command build();
    }

    private void apply(ReceivedEvent event, EventType expected, CommandFromEvent command) {
        if (event.eventType().filter(expected::equals).isEmpty()) {
            return;
        }
        try {
            processor.apply(command.build());
        } catch (InvalidCommandException | CloudEventCodec.MalformedEventException e) {
            LOG.warnf("skipped event %s (%s): %s", event.id(), event.type(), e.getMessage());
        }
    }

    /** The service that published the event: the last segment of its CloudEvents source. */
    private static String producer(ReceivedEvent event) {
        String source = event.source() == null ? "" : event.source();
        int slash = source.lastIndexOf('/');
        return slash >= 0 && slash < source.length() - 1 ? source.substring(slash + 1) : source;
    }
}
