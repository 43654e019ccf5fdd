package io.puppetplane.events;

import java.util.Properties;

/**
 * What every plain Kafka client of the services starts from: the brokers, a client id, and no JMX MBeans or client
 * metrics push. Nothing reads those, and on a cold JVM registering them cost ~0.2 s of a replica's start, with
 * clients serialised on the JMX lock. Kafka's own key names, so this library needs no Kafka dependency.
 */
public final class KafkaClientProperties {

    private KafkaClientProperties() {
    }

    public static Properties of(String bootstrapServers, String clientId) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("client.id", clientId);
        props.put("metric.reporters", "");
        props.put("enable.metrics.push", false);
        return props;
    }
}
