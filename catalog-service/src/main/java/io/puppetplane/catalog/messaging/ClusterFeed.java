package io.puppetplane.catalog.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.puppetplane.catalog.service.CodeSnapshots;
import io.puppetplane.catalog.service.NodeClassifications;
import io.puppetplane.events.KafkaClientProperties;
import io.puppetplane.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Reads what the other services tell every replica: the compacted classification topic from its beginning at each
 * start (so classification survives restarts without any local state, and a new replica knows every node), and
 * code-deployed events from now on. Partitions are assigned, not subscribed: every replica reads everything, and no
 * consumer group offsets are kept. Classifications count as loaded once the read reached the end the topic had at
 * start.
 */
@ApplicationScoped
public class ClusterFeed {

    private static final Logger LOG = Logger.getLogger(ClusterFeed.class);

    @Inject
    NodeClassifications classifications;

    @Inject
    CodeSnapshots code;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;
    private volatile boolean stopping;
    private final Set<String> missingTopics = new HashSet<>();
    private static final long TOPIC_CHECK_MILLIS = 5000;

    /** Kafka's client takes ~0.4 s to build on a cold JVM: built on the feed's own thread, not on start-up's. */
    void onStart(@Observes StartupEvent event) {
        thread = new Thread(this::run, "cluster-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        KafkaConsumer<String, String> built = consumer;
        if (built != null) {
            built.wakeup();
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private KafkaConsumer<String, String> newConsumer() {
        Properties props = KafkaClientProperties.of(bootstrapServers, "catalog-service-feed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private void run() {
        try {
            consumer = newConsumer();
            if (stopping) {
                return;
            }
            Map<TopicPartition, Long> classificationEnds = assign();
            long nextTopicCheck = System.currentTimeMillis() + TOPIC_CHECK_MILLIS;
            while (!stopping) {
                // checked first: an empty or missing topic is read to its end at once
                if (!classifications.loaded() && reached(classificationEnds)) {
                    classifications.markLoaded();
                    LOG.infof("classification loaded: %d nodes", classifications.size());
                }
                if (consumer.assignment().isEmpty()) {
                    // neither topic exists yet: nothing to read until one is created
                    Thread.sleep(500);
                } else {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        apply(record);
                    }
                }
                if (!missingTopics.isEmpty() && System.currentTimeMillis() > nextTopicCheck) {
                    assignTopicsCreatedSince();
                    nextTopicCheck = System.currentTimeMillis() + TOPIC_CHECK_MILLIS;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (WakeupException e) {
            if (!stopping) {
                LOG.warn("cluster feed woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("cluster feed stopped; classification and code events are no longer followed", e);
        } finally {
            if (consumer != null) {
                consumer.close(Duration.ofSeconds(1));
            }
        }
    }

    /** Assigns every partition of both topics, waiting for Kafka; returns the classification end offsets. */
    private Map<TopicPartition, Long> assign() {
        while (!stopping) {
            try {
                List<TopicPartition> classification = partitions(Topics.CLASSIFICATION);
                List<TopicPartition> codeEvents = partitions(Topics.CODE);
                List<TopicPartition> all = new ArrayList<>(classification);
                all.addAll(codeEvents);
                consumer.assign(all);
                consumer.seekToBeginning(classification);
                consumer.seekToEnd(codeEvents);
                return classification.isEmpty() ? Map.of() : consumer.endOffsets(classification);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                LOG.warnf("waiting for Kafka at %s: %s", bootstrapServers, e.getMessage());
            }
        }
        throw new WakeupException();
    }

    /** A topic that does not exist yet holds nothing; it is assigned, from its beginning, once it exists. */
    private List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            missingTopics.add(topic);
            return List.of();
        }
        missingTopics.remove(topic);
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private void assignTopicsCreatedSince() {
        List<TopicPartition> created = new ArrayList<>();
        for (String topic : List.copyOf(missingTopics)) {
            created.addAll(partitions(topic));
        }
        if (!created.isEmpty()) {
            List<TopicPartition> all = new ArrayList<>(consumer.assignment());
            all.addAll(created);
            consumer.assign(all);
            consumer.seekToBeginning(created);
        }
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.topic().equals(Topics.CLASSIFICATION)) {
            applyClassification(record);
        } else if (record.topic().equals(Topics.CODE)) {
            // which environment changed does not matter: a refresh only reloads environments whose files changed
            LOG.infof("code deployed (%s); checking the code dir now", record.key());
            code.refresh();
        }
    }

    private void applyClassification(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            LOG.warnf("skipping classification record without a certname key at %s-%d@%d", record.topic(),
                record.partition(), record.offset());
        } else if (record.value() == null) {
            classifications.forget(record.key());
        } else {
            classifications.classifyEncoded(record.key(), record.value());
        }
    }
}
