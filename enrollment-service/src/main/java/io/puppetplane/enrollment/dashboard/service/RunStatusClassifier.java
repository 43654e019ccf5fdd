package io.puppetplane.enrollment.dashboard.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.puppetplane.enrollment.dashboard.config.DashboardConfig;
import io.puppetplane.enrollment.inventory.service.NodeStatus;
import io.puppetplane.enrollment.inventory.service.RunStatus;

/** A node's {@link RunStatus} as of now (the clock's), with the configured unreported threshold. */
@ApplicationScoped
public class RunStatusClassifier {

    private final Duration unreportedAfter;
    private final Clock clock;

    @Inject
    RunStatusClassifier(DashboardConfig config, Clock clock) {
        this(config.unreportedAfter(), clock);
    }

    public RunStatusClassifier(Duration unreportedAfter, Clock clock) {
        this.unreportedAfter = unreportedAfter;
        this.clock = clock;
    }

    /** Reports that ended before this are too old to say how the node is now. */
    public Instant unreportedBefore() {
        return clock.instant().minus(unreportedAfter);
    }

    public Duration unreportedAfter() {
        return unreportedAfter;
    }

    /** {@code node} null: the inventory does not know the node, so it never reported. */
    public RunStatus classify(NodeStatus node) {
        if (node == null) {
            return RunStatus.NEVER_REPORTED;
        }
        return RunStatus.of(node.latestReportStatus(), node.latestReportNoopPending(), node.reportTimestamp(),
                unreportedBefore());
    }
}
