package io.puppetplane.enrollment.node.messaging;

import static io.puppetplane.enrollment.node.messaging.InboxDispatcher.route;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.puppetplane.enrollment.node.repository.ObservationRepository;
import io.puppetplane.events.EventType;
import io.puppetplane.events.payload.ReportReceived;
import io.smallrye.common.annotation.Blocking;

/**
 * Watches catalog-service's reports for the one thing the pipeline waits for: a node's first run that applied its
 * catalog. The reports themselves (and the facts) are inventory-service's; the dashboard and the API read them there.
 */
@ApplicationScoped
public class FirstRunConsumer {

    /** Run statuses that mean the agent applied its catalog. */
    private static final Set<String> SUCCESSFUL = Set.of("changed", "unchanged");

    private final InboxDispatcher dispatcher;
    private final ObservationRepository observations;

    FirstRunConsumer(InboxDispatcher dispatcher, ObservationRepository observations) {
        this.dispatcher = dispatcher;
        this.observations = observations;
    }

    @Incoming("reports-in")
    @Blocking
    public void onReport(String value) {
        // the inbox name of the consumer that kept whole reports, so events it applied are not applied again
        dispatcher.applyOnce("enrollment-reports", value,
                route(EventType.REPORT_RECEIVED, ReportReceived.class, (r, event) -> {
                    // A noop run applied nothing, so it does not count as the first successful run.
                    if (r.certname() != null && SUCCESSFUL.contains(r.status()) && !r.noop()) {
                        observations.recordSuccessfulRun(r.certname(),
                                r.time() == null ? event.time().toInstant() : r.time());
                    }
                }));
    }
}
