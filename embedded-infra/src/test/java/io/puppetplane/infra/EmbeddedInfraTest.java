package io.puppetplane.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedInfraTest {

    @Test
    void postgresKeepsDataAcrossARestartOfTheSameDataDirectory() throws Exception {
        Path dir = Files.createTempDirectory("pg-restart").resolve("data");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir, 0)) {
            pg.ensureDatabase("inventory");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("inventory"), "postgres", "");
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE node (certname text primary key)");
                s.execute("INSERT INTO node VALUES ('nc1.example.com')");
            }
        }
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir, 0);
                Connection c = DriverManager.getConnection(pg.jdbcUrl("inventory"), "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT certname FROM node")) {
            assertTrue(rs.next(), "the row written before the restart must still be there");
            assertEquals("nc1.example.com", rs.getString(1), "the row must be unchanged");
        }
    }

    @Test
    void kafkaDeliversARecordAndKeepsItAcrossARestart() throws Exception {
        Path logDir = Files.createTempDirectory("kafka-restart");
        int port;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(logDir, 0)) {
            port = kafka.port();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(kafka.bootstrapServers()))) {
                producer.send(new ProducerRecord<>("nodes", "nc1", "registered")).get();
            }
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(logDir, port);
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(kafka.bootstrapServers()))) {
            consumer.subscribe(List.of("nodes"));
            ConsumerRecord<String, String> got = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (got == null && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> r : records) {
                    got = r;
                }
            }
            assertTrue(got != null, "the record produced before the restart must be readable after it");
            assertEquals("registered", got.value(), "the record's value must survive the restart");
        }
    }

    private static Properties producerProps(String bootstrap) {
        Properties p = new Properties();
        p.putAll(Map.of("bootstrap.servers", bootstrap, "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName(), "acks", "all"));
        return p;
    }

    private static Properties consumerProps(String bootstrap) {
        Properties p = new Properties();
        p.putAll(Map.of("bootstrap.servers", bootstrap, "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName(), "group.id", "restart-check",
                "auto.offset.reset", "earliest"));
        return p;
    }
}
