package io.puppetplane.inventory.lifecycle.service;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.puppetplane.inventory.config.InventoryConfig;
import io.puppetplane.inventory.storage.Jdbc;
import io.quarkus.scheduler.Scheduled;

/**
 * PuppetDB's periodic GC ({@code scf/storage.clj}): expires nodes silent for node-ttl, deletes nodes deactivated or
 * expired longer than node-purge-ttl with all their data, deletes reports older than report-ttl with their events,
 * and forgets fact paths no fact set has any more. A zero duration turns its step off. Time comes from the injected
 * {@link Clock}, so tests move it instead of waiting.
 */
@ApplicationScoped
public class GarbageCollector {

    private static final Logger LOG = Logger.getLogger(GarbageCollector.class);

    /** What one collection did. */
    public record Collected(int expired, int purged, int reportsDeleted, int factPathsDeleted) {
    }

    private final Jdbc jdbc;
    private final InventoryConfig config;
    private final Clock clock;

    GarbageCollector(Jdbc jdbc, InventoryConfig config, Clock clock) {
        this.jdbc = jdbc;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${puppetplane.inventory.gc-interval:60m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        Collected c = collect();
        if (c.expired() + c.purged() + c.reportsDeleted() + c.factPathsDeleted() > 0) {
            LOG.infof("gc: %d nodes expired, %d purged, %d reports and %d fact paths deleted", c.expired(),
                    c.purged(), c.reportsDeleted(), c.factPathsDeleted());
        }
    }

    @Transactional
    public Collected collect() {
        Instant now = clock.instant();
        int expired = 0;
        if (!config.nodeTtl().isZero()) {
            Instant horizon = now.minus(config.nodeTtl());
            // a node without any activity since the horizon, unless configure expiration said facts never expire
            expired = jdbc.update("UPDATE certnames SET expired = ? WHERE id IN (SELECT c.id FROM certnames c"
                    + " LEFT JOIN catalogs cat ON cat.certname = c.certname"
                    + " LEFT JOIN factsets fs ON fs.certname = c.certname"
                    + " LEFT JOIN reports r ON r.id = c.latest_report_id"
                    + " WHERE c.deactivated IS NULL AND c.expired IS NULL"
                    + " AND (cat.producer_timestamp IS NULL OR cat.producer_timestamp < ?)"
                    + " AND (fs.producer_timestamp IS NULL OR fs.producer_timestamp < ?)"
                    + " AND (r.producer_timestamp IS NULL OR r.producer_timestamp < ?)"
                    + " AND (c.expires_facts_updated IS NULL OR (c.expires_facts AND c.expires_facts_updated < ?))"
                    + " AND (c.catalog_inputs_timestamp IS NULL OR c.catalog_inputs_timestamp < ?))",
                    now, horizon, horizon, horizon, horizon, horizon);
        }
        int purged = 0;
        if (!config.nodePurgeTtl().isZero()) {
            Instant horizon = now.minus(config.nodePurgeTtl());
            purged = jdbc.update("DELETE FROM certnames WHERE id IN (SELECT id FROM certnames"
                    + " WHERE deactivated < ? OR expired < ? LIMIT ?)", horizon, horizon,
                    config.nodePurgeBatchLimit());
        }
        int reports = 0;
        if (!config.reportTtl().isZero()) {
            reports = jdbc.update("DELETE FROM reports WHERE producer_timestamp < ?", now.minus(config.reportTtl()));
        }
        // a fact nobody reports any more; a key removed deeper inside a fact stays listed until its fact goes
        int paths = jdbc.update("DELETE FROM fact_paths fp WHERE NOT EXISTS"
                + " (SELECT 1 FROM factsets fs WHERE jsonb_exists(fs.facts, fp.name))");
        return new Collected(expired, purged, reports, paths);
    }
}
