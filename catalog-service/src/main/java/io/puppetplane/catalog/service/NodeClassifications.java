package io.puppetplane.catalog.service;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.puppetplane.events.payload.NodeClassified;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The latest classification of every node, as the compacted classification topic holds it. The topic is the
 * source of truth: every replica rebuilds this map by reading it from the start, so no replica keeps state.
 */
@ApplicationScoped
public class NodeClassifications {

    private final Map<String, NodeClassified> byCertname = new ConcurrentHashMap<>();

    public Optional<NodeClassified> of(String certname) {
        return Optional.ofNullable(byCertname.get(certname));
    }

    public void classify(String certname, NodeClassified classification) {
        byCertname.put(certname, classification);
    }

    /** A tombstone: the node is no longer classified. */
    public void forget(String certname) {
        byCertname.remove(certname);
    }

    public int size() {
        return byCertname.size();
    }
}
