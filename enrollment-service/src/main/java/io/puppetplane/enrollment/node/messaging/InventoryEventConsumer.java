package io.puppetplane.enrollment.node.messaging;

import static io.puppetplane.enrollment.node.messaging.InboxDispatcher.route;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.puppetplane.enrollment.node.repository.ObservationRepository;
import io.puppetplane.enrollment.node.repository.RunReport;
import io.puppetplane.events.EventType;
import io.puppetplane.events.payload.FactsReceived;
import io.puppetplane.enrollment.node.service.ReportEvents;
import io.puppetplane.events.payload.ReportReceived;
import io.smallrye.common.annotation.Blocking;

/** Keeps the latest facts and recent run reports per node, from catalog-service's events. */
@ApplicationScoped
public class InventoryEventConsumer {

    /** Run statuses that mean the agent applied its catalog. */
    private static final Set<String> SUCCESSFUL = Set.of("changed", "unchanged");

    private final InboxDispatcher dispatcher;
    private final ObservationRepository observations;
    private final int keepReports;

    InventoryEventConsumer(InboxDispatcher dispatcher, ObservationRepository observations,
            @ConfigProperty(name = "puppetplane.enrollment.inventory.reports-kept", defaultValue = "20") int keepReports) {
        this.dispatcher = dispatcher;
        this.observations = observations;
        this.keepReports = keepReports;
    }

    @Incoming("facts-in")
    @Blocking
    public void onFacts(String value) {
        dispatcher.applyOnce("enrollment-facts", value,
                route(EventType.FACTS_RECEIVED, FactsReceived.class, (facts, event) -> {
                    if (facts.certname() != null) {
                        observations.recordFacts(facts.certname(), facts.values(),
                                facts.receivedAt() == null ? event.time().toInstant() : facts.receivedAt());
                    }
                }));
    }

    @Incoming("reports-in")
    @Blocking
    public void onReport(String value) {
        dispatcher.applyOnce("enrollment-reports", value,
                route(EventType.REPORT_RECEIVED, ReportReceived.class, (r, event) -> {
                    if (r.certname() == null) {
                        return;
                    }
                    // A noop run applied nothing, so it does not count as the first successful run.
                    boolean successful = SUCCESSFUL.contains(r.status()) && !r.noop();
                    observations.recordRun(new RunReport(r.certname(), r.status(), r.environment(),
                            r.configurationVersion(), r.transactionUuid(), r.noop(),
                            r.time() == null ? event.time().toInstant() : r.time(), event.time().toInstant(),
                            ReportEvents.from(r.report())),
                            successful, keepReports);
                }));
    }
}
