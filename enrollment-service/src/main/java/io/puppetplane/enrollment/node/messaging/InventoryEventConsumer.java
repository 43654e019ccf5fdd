package io.puppetplane.enrollment.node.messaging;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.puppetplane.enrollment.node.repository.ObservationRepository;
import io.puppetplane.enrollment.node.repository.RunReport;
import io.puppetplane.events.CloudEventCodec;
import io.puppetplane.events.EventType;
import io.puppetplane.events.payload.FactsReceived;
import io.puppetplane.events.payload.ReportReceived;
import io.puppetplane.outbox.InboxGuard;
import io.smallrye.common.annotation.Blocking;

/** Keeps the latest facts and recent run reports per node, from catalog-service's events. */
@ApplicationScoped
public class InventoryEventConsumer {

    private static final Logger LOG = Logger.getLogger(InventoryEventConsumer.class);

    /** Run statuses that mean the agent applied its catalog. */
    private static final Set<String> SUCCESSFUL = Set.of("changed", "unchanged");

    private final InboxGuard inbox;
    private final ObservationRepository observations;
    private final int keepReports;

    InventoryEventConsumer(InboxGuard inbox, ObservationRepository observations,
            @ConfigProperty(name = "puppetplane.enrollment.inventory.reports-kept", defaultValue = "20") int keepReports) {
        this.inbox = inbox;
        this.observations = observations;
        this.keepReports = keepReports;
    }

    @Incoming("facts-in")
    @Blocking
    public void onFacts(String value) {
        try {
            inbox.applyOnce("enrollment-facts", value, event -> {
                if (event.eventType().orElse(null) == EventType.FACTS_RECEIVED) {
                    FactsReceived facts = event.payload(FactsReceived.class);
                    if (facts.certname() == null) {
                        return;
                    }
                    observations.recordFacts(facts.certname(), facts.values(),
                            facts.receivedAt() == null ? event.time().toInstant() : facts.receivedAt());
                }
            });
        } catch (CloudEventCodec.MalformedEventException e) {
            // A payload that does not fit its type is skipped, so one bad record cannot stop the consumer.
            LOG.warnf("skipped an unreadable event: %s", e.getMessage());
        }
    }

    @Incoming("reports-in")
    @Blocking
    public void onReport(String value) {
        try {
            inbox.applyOnce("enrollment-reports", value, event -> {
                if (event.eventType().orElse(null) == EventType.REPORT_RECEIVED) {
                    ReportReceived r = event.payload(ReportReceived.class);
                    if (r.certname() == null) {
                        return;
                    }
                    // A noop run applied nothing, so it does not count as the first successful run.
                    boolean successful = SUCCESSFUL.contains(r.status()) && !r.noop();
                    observations.recordRun(new RunReport(r.certname(), r.status(), r.environment(),
                            r.configurationVersion(), r.transactionUuid(), r.noop(),
                            r.time() == null ? event.time().toInstant() : r.time(), event.time().toInstant()),
                            successful, keepReports);
                }
            });
        } catch (CloudEventCodec.MalformedEventException e) {
            // A payload that does not fit its type is skipped, so one bad record cannot stop the consumer.
            LOG.warnf("skipped an unreadable event: %s", e.getMessage());
        }
    }
}
