package io.puppetplane.enrollment.node.repository;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;

/**
 * Tombstones to publish on the classification topic. Written in the transaction that decommissions the node, so the
 * removal can never be lost or published for a decommission that rolled back.
 */
@Singleton
public class ClassificationTombstoneRepository extends JdbcRepository {

    ClassificationTombstoneRepository(AgroalDataSource dataSource, ObjectMapper mapper) {
        super(dataSource, mapper);
    }

    public void request(String certname, Instant at) {
        update("INSERT INTO classification_tombstone (certname, requested_at) VALUES (?, ?) "
                + "ON CONFLICT (certname) DO UPDATE SET requested_at = excluded.requested_at", certname, at);
    }

    /**
     * A newer classification (the machine enrolled again) supersedes a tombstone not yet sent. A relay sending it
     * holds the row lock, so this waits for it and the new classification follows the tombstone on the topic.
     */
    public void cancel(String certname) {
        update("DELETE FROM classification_tombstone WHERE certname = ?", certname);
    }

    /**
     * Claims, until the caller's transaction ends, tombstones whose node has no classification event still waiting in
     * the outbox: the tombstone must be the node's last record on the topic, never overtaken by an older one.
     */
    public List<String> claimSendable(String topic, int limit) {
        return query("SELECT t.certname FROM classification_tombstone t WHERE NOT EXISTS (SELECT 1 FROM outbox_event o "
                + "WHERE o.topic = ? AND o.event_key = t.certname AND o.published_at IS NULL) "
                + "ORDER BY t.requested_at LIMIT ? FOR UPDATE OF t SKIP LOCKED", rs -> rs.getString(1), topic, limit);
    }

    public void sent(String certname) {
        update("DELETE FROM classification_tombstone WHERE certname = ?", certname);
    }
}
