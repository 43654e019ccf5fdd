package io.puppetplane.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Properties;
import java.util.Set;

import javax.management.ObjectName;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class KafkaClientPropertiesTest {

    @Test
    void aRealClientBuiltFromThemRegistersNoJmxMetrics() throws Exception {
        Properties quiet = KafkaClientProperties.of("127.0.0.1:1", "quiet-client");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(quiet, new StringDeserializer(),
            new StringDeserializer())) {
            assertEquals(Set.of(), metricBeans("quiet-client"), "no JMX reporter: nothing registered per client");
        }

        Properties plain = new Properties();
        plain.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        plain.put(ConsumerConfig.CLIENT_ID_CONFIG, "plain-client");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(plain, new StringDeserializer(),
            new StringDeserializer())) {
            assertFalse(metricBeans("plain-client").isEmpty(), "Kafka's default does register them (the control)");
        }
    }

    @Test
    void namesTheBrokersAndTheClient() {
        Properties props = KafkaClientProperties.of("broker:9092", "catalog-service-feed");

        assertEquals("broker:9092", props.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG), "Kafka's key for the brokers");
        assertEquals("catalog-service-feed", props.get(ConsumerConfig.CLIENT_ID_CONFIG), "Kafka's key for the id");
        assertTrue(props.containsKey(ConsumerConfig.ENABLE_METRICS_PUSH_CONFIG), "Kafka's key for metrics push");
    }

    private static Set<ObjectName> metricBeans(String clientId) throws Exception {
        return ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("kafka.consumer:client-id="
            + clientId + ",*"), null);
    }
}
