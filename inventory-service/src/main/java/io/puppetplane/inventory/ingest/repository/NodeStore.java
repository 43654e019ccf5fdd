package io.puppetplane.inventory.ingest.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.puppetplane.inventory.storage.Jdbc;

/** The certnames table: a node's existence, deactivation, expiration and catalog inputs. */
@ApplicationScoped
public class NodeStore {

    private final Jdbc jdbc;

    NodeStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Creates the node, or reactivates it when it was deactivated or expired before {@code time} (PuppetDB's
     * maybe-activate-node!), and locks its row so commands for one node apply one after the other.
     */
    public void activateAndLock(String certname, Instant time) {
        jdbc.update("INSERT INTO certnames (certname) VALUES (?) ON CONFLICT (certname) DO UPDATE"
                + " SET deactivated = NULL, expired = NULL"
                + " WHERE certnames.deactivated < ? OR certnames.expired < ?", certname, time, time);
        // no SELECT … FOR UPDATE needed: ON CONFLICT DO UPDATE locks the conflicting row even when its WHERE
        // is false and nothing is updated (PostgreSQL's INSERT documentation), and a new row is ours anyway
    }

    /** Creates the node if unknown (PuppetDB does so for a deactivation too) and locks its row. */
    public void ensureAndLock(String certname) {
        jdbc.update("INSERT INTO certnames (certname) VALUES (?) ON CONFLICT (certname) DO NOTHING", certname);
        lock(certname);
    }

    private void lock(String certname) {
        jdbc.query("SELECT id FROM certnames WHERE certname = ? FOR UPDATE", rs -> rs.getLong(1), certname);
    }

    /** The newest producer timestamp of the node's catalog, facts and latest report. */
    public Optional<Instant> newestRecord(String certname) {
        return jdbc.first("SELECT greatest("
                + " (SELECT producer_timestamp FROM catalogs WHERE certname = ?),"
                + " (SELECT producer_timestamp FROM factsets WHERE certname = ?),"
                + " (SELECT latest_report_timestamp FROM certnames WHERE certname = ?)) AS newest",
                rs -> Jdbc.instant(rs, "newest"), certname, certname, certname);
    }

    /** Marks the node deactivated at {@code time} unless it already was at that time or later. */
    public void deactivate(String certname, Instant time) {
        jdbc.update("UPDATE certnames SET deactivated = ? WHERE certname = ? AND (deactivated IS NULL OR deactivated < ?)",
                time, certname, time);
    }

    /** Whether the node may expire by node-ttl ({@code configure expiration}); older settings are ignored. */
    public void configureExpiration(String certname, boolean expire, Instant time) {
        jdbc.update("UPDATE certnames SET expires_facts = ?, expires_facts_updated = ? WHERE certname = ?"
                + " AND (expires_facts_updated IS NULL OR expires_facts_updated <= ?)", expire, time, certname, time);
    }

    /** Replaces the node's catalog inputs unless newer ones are stored; false when these were stale. */
    public boolean replaceCatalogInputs(String certname, String catalogUuid, Instant time, List<String[]> inputs) {
        int updated = jdbc.update("UPDATE certnames SET catalog_inputs_timestamp = ?, catalog_inputs_uuid = ?"
                + " WHERE certname = ? AND (catalog_inputs_timestamp IS NULL OR catalog_inputs_timestamp < ?)",
                time, catalogUuid, certname, time);
        if (updated == 0) {
            return false;
        }
        jdbc.update("DELETE FROM catalog_inputs WHERE certname = ?", certname);
        jdbc.batch("INSERT INTO catalog_inputs (certname, type, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                inputs.stream().map(i -> new Object[] {certname, i[0], i[1]}).toList());
        return true;
    }
}
