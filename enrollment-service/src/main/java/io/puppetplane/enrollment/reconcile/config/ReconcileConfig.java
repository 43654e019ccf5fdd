package io.puppetplane.enrollment.reconcile.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How often and how patiently the reconciler drives nodes. */
@ConfigMapping(prefix = "puppetplane.enrollment.reconcile")
public interface ReconcileConfig {

    /** Whether this replica reconciles on a schedule (tests drive the reconciler themselves). Default true. */
    @WithDefault("true")
    boolean enabled();

    /** How often to look for nodes that need a step, as a scheduler interval. Default {@code 5s}. */
    @WithDefault("5s")
    String interval();

    /** Most nodes looked at per pass. Default 50. */
    @WithDefault("50")
    int batchSize();

    /** Most steps taken for one node in one pass, so one node cannot starve the others. Default 10. */
    @WithDefault("10")
    int maxStepsPerNode();

    /** Wait before the first retry of a failed step; doubles on each further failure. Default 10 s. */
    @WithDefault("PT10S")
    Duration initialBackoff();

    /** Longest wait between retries. Default 10 min. */
    @WithDefault("PT10M")
    Duration maxBackoff();

    /** Failures after which a node waits for an operator's retry instead of retrying itself. Default 8. */
    @WithDefault("8")
    int maxRetries();

    /** How long after its agent was started a node may go without a certificate request before it fails. */
    @WithDefault("PT15M")
    Duration certificateRequestTimeout();

    /** Longest time one step may hold its node's row lock (SSH and registration commands included). */
    @WithDefault("PT5M")
    Duration stepTimeout();
}
