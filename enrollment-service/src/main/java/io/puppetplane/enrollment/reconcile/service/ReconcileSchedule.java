package io.puppetplane.enrollment.reconcile.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.puppetplane.enrollment.reconcile.config.ReconcileConfig;
import io.quarkus.scheduler.Scheduled;

/** Level-triggered: every interval, each node that is not at rest is compared with what was observed. */
@ApplicationScoped
public class ReconcileSchedule {

    private final NodeReconciler reconciler;
    private final ReconcileConfig config;

    ReconcileSchedule(NodeReconciler reconciler, ReconcileConfig config) {
        this.reconciler = reconciler;
        this.config = config;
    }

    @Scheduled(every = "${puppetplane.enrollment.reconcile.interval:5s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pass() {
        if (config.enabled()) {
            reconciler.reconcileDue();
        }
    }
}
