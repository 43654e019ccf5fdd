package io.puppetplane.enrollment.classification.service;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.puppetplane.enrollment.node.repository.Node;
import io.puppetplane.events.payload.NodeClassified;
import io.puppetplane.outbox.OutboxWriter;

/**
 * Publishes a node's classification on the compacted classification topic through the outbox.
 *
 * <p>Removal: the outbox stores and relays String values only, so instead of a Kafka tombstone a removed node is
 * published as a NodeClassified with a null role, no classes and the tag {@value #REMOVED_TAG}. It is still the
 * latest value for the certname after compaction, so every consumer reading the topic from the start ends with the
 * node unclassified.
 */
@ApplicationScoped
public class ClassificationPublisher {

    /** The tag that marks a classification as removed (the node was decommissioned). */
    public static final String REMOVED_TAG = "removed";

    private final OutboxWriter outbox;

    ClassificationPublisher(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void published(String certname, String role, Map<String, Map<String, Object>> classes) {
        outbox.append(new NodeClassified(certname, role, classes, null, List.of()), certname);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void removed(Node node) {
        outbox.append(new NodeClassified(node.certname(), null, Map.of(), null, List.of(REMOVED_TAG)),
                node.certname());
    }
}
