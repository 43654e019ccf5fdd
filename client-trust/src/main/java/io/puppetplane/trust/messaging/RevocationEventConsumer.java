package io.puppetplane.trust.messaging;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.puppetplane.events.CloudEventCodec;
import io.puppetplane.events.EventType;
import io.puppetplane.events.KafkaClientProperties;
import io.puppetplane.events.ReceivedEvent;
import io.puppetplane.events.payload.CertificateRevoked;
import io.puppetplane.trust.RevocationRegistry;
import io.puppetplane.trust.config.TrustConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Applies every certificate-revoked event to the {@link RevocationRegistry}.
 *
 * <p>Every replica must see every revocation, so this reader joins no consumer group: it assigns itself all partitions
 * of the topic, seeks to the beginning and reads forward, committing nothing. (A shared group would split the
 * events between replicas; a group per instance would leave a dead group behind on every restart.) Events older
 * than the topic's retention are covered by the CRL loaded at start.
 */
@ApplicationScoped
public class RevocationEventConsumer {

    private static final Logger LOG = Logger.getLogger(RevocationEventConsumer.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final TrustConfig config;
    private final RevocationRegistry registry;
    private final Optional<String> bootstrapServers;
    private final CloudEventCodec codec = new CloudEventCodec("client-trust", Clock.systemUTC());
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean caughtUp;
    private volatile boolean stopping;
    private Thread thread;

    RevocationEventConsumer(TrustConfig config, RevocationRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") Optional<String> bootstrapServers) {
        this.config = config;
        this.registry = registry;
        this.bootstrapServers = bootstrapServers;
    }

    /** Whether events are read at all (enabled and a Kafka cluster configured). */
    public boolean enabled() {
        return config.events().enabled() && bootstrapServers.isPresent();
    }

    /** True once every event that existed when this replica assigned the topic has been applied. */
    public boolean caughtUp() {
        return caughtUp;
    }

    void start(@Observes StartupEvent event) {
        if (!enabled()) {
            LOG.info("certificate-revoked events are not read (puppetplane.trust.events.enabled or kafka.bootstrap.servers)");
            return;
        }
        thread = new Thread(this::run, "client-trust-revocations");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.join(Duration.ofSeconds(5).toMillis());
        }
    }

    private void run() {
        while (!stopping) {
            try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(consumerProperties())) {
                consumer = kafka;
                Map<TopicPartition, Long> caughtUpAt = assignFromBeginning(kafka);
                while (caughtUpAt.isEmpty() && !stopping) {
                    sleep(RETRY);
                    caughtUpAt = assignFromBeginning(kafka);
                }
                while (!stopping) {
                    for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofSeconds(1))) {
                        apply(record);
                    }
                    if (!caughtUp && caughtUpAt.entrySet().stream()
                            .allMatch(e -> kafka.position(e.getKey()) >= e.getValue())) {
                        caughtUp = true;
                        LOG.infof("revocation events read up to the present; %d revocations known", registry.size());
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (KafkaException e) {
                LOG.warnf("reading revocation events failed (%s); retrying", e.getMessage());
                sleep(RETRY);
            } finally {
                consumer = null;
            }
        }
    }

    /** Assigns every partition of the topic from offset 0; empty while the topic does not exist yet. */
    private Map<TopicPartition, Long> assignFromBeginning(KafkaConsumer<String, String> kafka) {
        List<PartitionInfo> partitions = kafka.partitionsFor(config.events().topic(), Duration.ofSeconds(10));
        if (partitions == null || partitions.isEmpty()) {
            return Map.of();
        }
        List<TopicPartition> assigned = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        kafka.assign(assigned);
        kafka.seekToBeginning(assigned);
        return kafka.endOffsets(assigned, Duration.ofSeconds(10));
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        try {
            ReceivedEvent event = codec.decode(record.value());
            if (event.eventType().orElse(null) != EventType.CERTIFICATE_REVOKED) {
                return;
            }
            CertificateRevoked revoked = event.payload(CertificateRevoked.class);
            if (revoked.serialNumber() == null) {
                LOG.warnf("skipping certificate-revoked event %s without a serial number", event.id());
                return;
            }
            registry.revoke(serial(revoked.serialNumber()), revoked.certname(), revoked.reason());
        } catch (CloudEventCodec.MalformedEventException | NumberFormatException e) {
            LOG.warnf("skipping unreadable record at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    /** ca-service writes serials in decimal; a {@code 0x} prefix marks hexadecimal (Puppet's own notation). */
    static BigInteger serial(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("0x") || trimmed.startsWith("0X")) {
            return new BigInteger(trimmed.substring(2), 16);
        }
        return new BigInteger(trimmed);
    }

    private Properties consumerProperties() {
        Properties props = KafkaClientProperties.of(bootstrapServers.orElseThrow(), "client-trust-revocations");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return props;
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }
}
