package io.puppetplane.fileserve.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.puppetplane.events.CloudEventCodec;
import io.puppetplane.events.EventType;
import io.puppetplane.events.ReceivedEvent;
import io.puppetplane.events.payload.NodeClassified;
import io.puppetplane.fileserve.service.NodeRoles;

/**
 * Keeps {@link NodeRoles} in step with the compacted classification topic. Every replica needs every node, so the
 * channel uses a consumer group of its own per process ({@code fileserve-<quarkus.uuid>}), reads from the earliest
 * offset and commits nothing (application.properties).
 */
@ApplicationScoped
public class ClassificationConsumer {

    private static final Logger LOG = Logger.getLogger(ClassificationConsumer.class);

    private final NodeRoles roles;
    private final CloudEventCodec codec;

    ClassificationConsumer(NodeRoles roles, CloudEventCodec codec) {
        this.roles = roles;
        this.codec = codec;
    }

    @Incoming("classification")
    public void on(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            if (record.key() != null) {
                roles.forget(record.key());
            }
            return;
        }
        try {
            ReceivedEvent event = codec.decode(record.value());
            if (event.eventType().orElse(null) != EventType.NODE_CLASSIFIED) {
                return;
            }
            NodeClassified classified = event.payload(NodeClassified.class);
            String certname = classified.certname() != null ? classified.certname() : record.key();
            if (certname != null) {
                roles.assign(certname, classified.role());
            }
        } catch (CloudEventCodec.MalformedEventException e) {
            LOG.warnf("skipping unreadable classification record at offset %d: %s", record.offset(), e.getMessage());
        }
    }
}
