package io.puppetplane.enrollment.node.service;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.puppetplane.enrollment.node.repository.HistoryEntry;
import io.puppetplane.enrollment.node.repository.Node;
import io.puppetplane.enrollment.node.repository.NodeRepository;
import io.puppetplane.enrollment.node.repository.NodeState;
import io.puppetplane.events.payload.NodeStateChanged;
import io.puppetplane.outbox.OutboxWriter;

/**
 * The one place a node's state changes: the row, its history entry and its NodeStateChanged event are written in
 * the caller's transaction, so they commit (or vanish) together.
 */
@ApplicationScoped
public class NodeStateRecorder {

    private final NodeRepository nodes;
    private final OutboxWriter outbox;
    private final Clock clock;

    NodeStateRecorder(NodeRepository nodes, OutboxWriter outbox, Clock clock) {
        this.nodes = nodes;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Moves the node forward; a forward move clears any failure bookkeeping. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void advance(Node node, NodeState to, String reason) {
        Instant now = clock.instant();
        nodes.updateState(node.certname(), to, now, null, 0, null, null);
        record(node.certname(), node.state(), to, reason, now);
    }

    /** Back to where a failed node left off, keeping its retry count so the backoff keeps growing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resume(Node node, String reason) {
        Instant now = clock.instant();
        nodes.updateState(node.certname(), node.resumeState(), now, null, node.retryCount(), null, null);
        record(node.certname(), node.state(), node.resumeState(), reason, now);
    }

    /**
     * Marks the node failed. {@code nextRetryAt} null means only an operator retry moves it on; {@code resumeFrom}
     * is the state a retry returns to.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void fail(Node node, NodeState resumeFrom, String reason, int retryCount, Instant nextRetryAt) {
        Instant now = clock.instant();
        nodes.updateState(node.certname(), NodeState.FAILED, now, reason, retryCount, nextRetryAt, resumeFrom);
        record(node.certname(), node.state(), NodeState.FAILED, reason, now);
    }

    /** A new node enters the pipeline. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void created(Node node, String reason) {
        record(node.certname(), null, node.state(), reason, node.createdAt());
    }

    private void record(String certname, NodeState from, NodeState to, String reason, Instant now) {
        String fromName = from == null ? null : from.wireName();
        nodes.appendHistory(new HistoryEntry(certname, fromName, to.wireName(), reason, now));
        outbox.append(new NodeStateChanged(certname, fromName, to.wireName(), reason, now), certname);
    }
}
