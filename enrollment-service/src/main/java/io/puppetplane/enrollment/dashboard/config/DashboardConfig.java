package io.puppetplane.enrollment.dashboard.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the operator dashboard reads the fleet. */
@ConfigMapping(prefix = "puppetplane.enrollment.dashboard")
public interface DashboardConfig {

    /**
     * A node whose latest report ended longer ago than this is "unreported", whatever that report said.
     * Default 2 h (Puppetboard's default), four missed runs at Puppet's 30-minute run interval.
     */
    @WithDefault("PT2H")
    Duration unreportedAfter();

    /** Nodes per page of the nodes list. Default 50. */
    @WithDefault("50")
    int pageSize();

    /** Days of runs in the overview's runs-per-day chart, today included. Default 14. */
    @WithDefault("14")
    int runDays();
}
