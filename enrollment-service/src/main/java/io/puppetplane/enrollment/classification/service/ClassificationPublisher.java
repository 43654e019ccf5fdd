package io.puppetplane.enrollment.classification.service;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.puppetplane.enrollment.node.repository.ClassificationTombstoneRepository;
import io.puppetplane.enrollment.node.repository.Node;
import io.puppetplane.events.payload.NodeClassified;
import io.puppetplane.outbox.OutboxWriter;

/**
 * Publishes a node's classification on the compacted classification topic: NodeClassified through the outbox, and
 * on removal a Kafka tombstone (null value) so compaction deletes the node. The outbox relays String values only,
 * so the tombstone is recorded in the same transaction and sent by
 * {@link io.puppetplane.enrollment.classification.messaging.ClassificationTombstoneRelay} after the node's earlier
 * classification events.
 */
@ApplicationScoped
public class ClassificationPublisher {

    private final OutboxWriter outbox;
    private final ClassificationTombstoneRepository tombstones;
    private final Clock clock;

    ClassificationPublisher(OutboxWriter outbox, ClassificationTombstoneRepository tombstones, Clock clock) {
        this.outbox = outbox;
        this.tombstones = tombstones;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void published(String certname, String role, Map<String, Map<String, Object>> classes) {
        tombstones.cancel(certname);
        outbox.append(new NodeClassified(certname, role, classes, null, List.of()), certname);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void removed(Node node) {
        tombstones.request(node.certname(), clock.instant());
    }
}
