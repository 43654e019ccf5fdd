package io.puppetplane.catalog.service;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.puppetplane.events.CloudEventCodec;
import io.puppetplane.events.EventType;
import io.puppetplane.events.ReceivedEvent;
import io.puppetplane.events.payload.NodeClassified;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The latest classification of every node, as the compacted classification topic holds it. The topic is the
 * source of truth: every replica rebuilds this map by reading it from the start, so no replica keeps state.
 * Records are kept as read and decoded when their node first asks: a starting replica reads every node's record
 * before it is ready, and decoding thousands of them on a cold JVM took about a second.
 */
@ApplicationScoped
public class NodeClassifications {

    private static final Logger LOG = Logger.getLogger(NodeClassifications.class);

    /** A record as read from the topic, not decoded yet. */
    private record Encoded(String cloudEvent) {
    }

    /** Values are {@link NodeClassified} or {@link Encoded}. */
    private final Map<String, Object> byCertname = new ConcurrentHashMap<>();
    private final CloudEventCodec codec;
    private volatile boolean loaded;

    @Inject
    public NodeClassifications(CloudEventCodec codec) {
        this.codec = codec;
    }

    public Optional<NodeClassified> of(String certname) {
        Object value = byCertname.get(certname);
        if (value instanceof Encoded encoded) {
            value = decode(certname, encoded);
        }
        return Optional.ofNullable((NodeClassified) value);
    }

    /** A classification record as the topic holds it (a CloudEvent), decoded when the node first asks. */
    public void classifyEncoded(String certname, String cloudEvent) {
        byCertname.put(certname, new Encoded(cloudEvent));
    }

    /** A tombstone: the node is no longer classified. */
    public void forget(String certname) {
        byCertname.remove(certname);
    }

    /** Every classification the topic held at start has been read: until then a catalog could miss classes. */
    public boolean loaded() {
        return loaded;
    }

    public void markLoaded() {
        loaded = true;
    }

    public int size() {
        return byCertname.size();
    }

    /**
     * An unreadable record leaves the node unclassified, as it would be after compaction dropped the record before
     * it; the operator sees why in the log.
     */
    private NodeClassified decode(String certname, Encoded encoded) {
        NodeClassified classified = null;
        try {
            ReceivedEvent event = codec.decode(encoded.cloudEvent());
            if (event.eventType().filter(type -> type == EventType.NODE_CLASSIFIED).isPresent()) {
                classified = event.payload(NodeClassified.class);
            } else {
                LOG.warnf("the classification record of %s is a %s event, not node-classified; %s counts as"
                    + " unclassified", certname, event.type(), certname);
            }
        } catch (CloudEventCodec.MalformedEventException e) {
            LOG.warnf("the classification record of %s is unreadable (%s); %s counts as unclassified", certname,
                e.getMessage(), certname);
        }
        if (classified == null) {
            byCertname.remove(certname, encoded);
        } else {
            byCertname.replace(certname, encoded, classified);
        }
        return classified;
    }
}
