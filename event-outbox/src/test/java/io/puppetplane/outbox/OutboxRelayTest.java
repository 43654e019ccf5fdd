package io.puppetplane.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.puppetplane.events.CloudEventCodec;
import io.puppetplane.events.OutgoingEvent;
import io.puppetplane.events.Topics;
import io.puppetplane.events.payload.CertificateSigned;
import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = PostgresAndKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "outbox"))
class OutboxRelayTest {

    @Inject
    OutboxWriter outbox;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    SignedCertificateLedger ledger;
    @Inject
    CloudEventCodec codec;

    @Test
    void commitsTheStateChangeAndItsEventTogether() {
        QuarkusTransaction.requiringNew().run(() -> {
            insertState("commit.example.com");
            outbox.append(signed("commit.example.com"), "commit.example.com");
        });

        assertEquals(1, count("SELECT count(*) FROM node_state WHERE certname = 'commit.example.com'"), "state committed");
        assertEquals(1, count("SELECT count(*) FROM outbox_event WHERE event_key = 'commit.example.com'"), "event committed");
    }

    @Test
    void rollbackDiscardsTheStateChangeAndItsEvent() {
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            insertState("rollback.example.com");
            outbox.append(signed("rollback.example.com"), "rollback.example.com");
            throw new IllegalStateException("the step after the write fails");
        }), "the failure must reach the caller");

        assertEquals(0, count("SELECT count(*) FROM node_state WHERE certname = 'rollback.example.com'"), "no state");
        assertEquals(0, count("SELECT count(*) FROM outbox_event WHERE event_key = 'rollback.example.com'"), "no event");
    }

    @Test
    void committedEventReachesTheConsumerThroughKafkaAndIsStamped() {
        QuarkusTransaction.requiringNew().run(() -> outbox.append(signed("relay.example.com"), "relay.example.com"));

        awaitTrue(() -> count("SELECT count(*) FROM signed_ledger WHERE certname = 'relay.example.com'") == 1,
                "the consumer must apply the event that went through Kafka");
        awaitTrue(() -> count("SELECT count(*) FROM outbox_event WHERE event_key = 'relay.example.com' "
                + "AND published_at IS NOT NULL") == 1, "the relay must stamp the row it published");
    }

    @Test
    void redeliveredEventHasNoSecondEffect() throws Exception {
        OutgoingEvent event = codec.encode(signed("twice.example.com"), "twice.example.com");
        Properties props = new Properties();
        props.putAll(Map.of("bootstrap.servers", PostgresAndKafkaTestResource.kafka().bootstrapServers(),
                "key.serializer", StringSerializer.class.getName(), "value.serializer", StringSerializer.class.getName()));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < 2; i++) {
                producer.send(new ProducerRecord<>(Topics.CERTIFICATES, event.key(), event.cloudEventJson())).get();
            }
        }

        awaitTrue(() -> ledger.deliveries(event.cloudEventJson()) == 2,
                "the consumer must receive both copies");
        assertEquals(1, count("SELECT count(*) FROM signed_ledger WHERE certname = 'twice.example.com'"),
                "two deliveries of one event id must have one effect");
    }

    private CertificateSigned signed(String certname) {
        return new CertificateSigned(certname, "0x0A", "AA:BB", Map.of(), Instant.parse("2026-11-23T00:00:00Z"),
                Instant.parse("2031-11-23T00:00:00Z"), "test");
    }

    private void insertState(String certname) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO node_state VALUES (?)")) {
            ps.setString(1, certname);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int count(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String message) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(message + " (waited 30 s)");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(message + " (interrupted)");
            }
        }
    }
}
