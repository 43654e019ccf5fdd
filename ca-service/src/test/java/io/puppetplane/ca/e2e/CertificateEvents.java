package io.puppetplane.ca.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import io.puppetplane.events.Topics;

/** The test's view of the certificates topic on the real Kafka the CA publishes to. */
public final class CertificateEvents {

    private CertificateEvents() {
    }

    /** A new consumer group reading the certificates topic from its start. */
    public static KafkaConsumer<String, String> subscribe() {
        Properties props = new Properties();
        props.put("bootstrap.servers", ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put("group.id", "ca-test-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(Topics.CERTIFICATES));
        return consumer;
    }

    /** Whether an event keyed {@code key} whose JSON contains {@code "type"} arrives within a minute. */
    public static boolean await(KafkaConsumer<String, String> consumer, String key, String type) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                if (key.equals(record.key()) && record.value().contains("\"" + type + "\"")) {
                    return true;
                }
            }
        }
        return false;
    }
}
