package io.puppetplane.enrollment.classification.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.puppetplane.enrollment.node.repository.ClassificationTombstoneRepository;
import io.puppetplane.events.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Publishes the Kafka tombstones (key certname, null value) that delete decommissioned nodes from the compacted
 * classification topic; catalog-service and fileserve-service forget a node on its tombstone. At least once: a
 * tombstone is deleted from the table only after Kafka acknowledged it, and sending one twice is harmless.
 */
@ApplicationScoped
public class ClassificationTombstoneRelay {

    private static final Logger LOG = Logger.getLogger(ClassificationTombstoneRelay.class);
    private static final int BATCH = 50;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final ClassificationTombstoneRepository tombstones;
    private final String bootstrapServers;
    private Producer<String, String> producer;

    ClassificationTombstoneRelay(ClassificationTombstoneRepository tombstones,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.tombstones = tombstones;
        this.bootstrapServers = bootstrapServers;
    }

    /** As often as the outbox relay polls, so a tombstone follows its node's last classification closely. */
    @Scheduled(every = "${puppetplane.outbox.poll-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        try {
            relayPending();
        } catch (RuntimeException e) {
            LOG.warnf("classification tombstones paused, will retry: %s", e.getMessage());
        }
    }

    /** Sends what can be sent now; returns how many tombstones went out. */
    public int relayPending() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<String> batch = tombstones.claimSendable(Topics.CLASSIFICATION, BATCH);
            for (String certname : batch) {
                producer().send(new ProducerRecord<>(Topics.CLASSIFICATION, certname, null))
                        .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                tombstones.sent(certname);
            }
            return batch.size();
        });
    }

    private synchronized Producer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "enrollment-classification-tombstones");
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            // Fail the send (and retry on the next poll) instead of blocking the scheduler when Kafka is away.
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis() / 2);
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
    }
}
