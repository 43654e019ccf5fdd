package io.puppetplane.enrollment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.puppetplane.events.CloudEventCodec;
import io.puppetplane.events.OutgoingEvent;
import io.puppetplane.events.payload.CertificateSigned;
import io.puppetplane.events.payload.CsrSubmitted;
import io.puppetplane.events.payload.FactsReceived;
import io.puppetplane.events.payload.MachineAnnounced;
import io.puppetplane.events.payload.ReportReceived;
import io.puppetplane.infra.PostgresAndKafkaTestResource;

/** Plays the other services: publishes their events to the real Kafka the service consumes from. */
public final class EventFeed {

    private final CloudEventCodec codec = new CloudEventCodec("test-peer", Clock.systemUTC());

    public OutgoingEvent csrSubmitted(String certname) {
        return send(new CsrSubmitted(certname, "AA:BB", "127.0.0.1", Map.of(), "pending", Instant.now()), certname);
    }

    public OutgoingEvent certificateSigned(String certname) {
        return send(new CertificateSigned(certname, "0x0A", "AA:BB", Map.of(), Instant.now(),
                Instant.now().plus(Duration.ofDays(365)), "test"), certname);
    }

    public OutgoingEvent report(String certname, String status) {
        return send(new ReportReceived(certname, "production", status, "1700000000", "tx-" + status,
                "cat-1", "code-1", false, Instant.now(), null), certname);
    }

    /** A report carrying the whole report body, as catalog-service forwards an agent's. */
    public OutgoingEvent report(String certname, String status, com.fasterxml.jackson.databind.JsonNode report) {
        return send(new ReportReceived(certname, "production", status, "1700000000", "tx-" + status,
                "cat-1", "code-1", false, Instant.now(), report), certname);
    }

    public OutgoingEvent facts(String certname, Map<String, Object> values) {
        return facts(certname, values, Instant.now());
    }

    /** Facts a replica received at RECEIVED_AT (an old set, replayed from a restarted replica's spool). */
    public OutgoingEvent facts(String certname, Map<String, Object> values, Instant receivedAt) {
        return send(new FactsReceived(certname, "production", values, receivedAt), certname);
    }

    /** The report of a run made at RUN_AT, with its own transaction id. */
    public OutgoingEvent report(String certname, String status, String transactionUuid, Instant runAt) {
        return send(new ReportReceived(certname, "production", status, "1700000000", transactionUuid,
                "cat-1", "code-1", false, runAt, null), certname);
    }

    public OutgoingEvent machine(String certname, String address, String role, String kind) {
        return send(new MachineAnnounced(certname, address, role, kind), certname);
    }

    /** Publishes an already encoded event again, as Kafka's at-least-once delivery may. */
    public void resend(OutgoingEvent event) {
        sendRaw(event.topic(), event.key(), event.cloudEventJson());
    }

    public OutgoingEvent send(Object payload, String certname) {
        OutgoingEvent event = codec.encode(payload, certname);
        sendRaw(event.topic(), event.key(), event.cloudEventJson());
        return event;
    }

    public void sendRaw(String topic, String key, String value) {
        Properties props = new Properties();
        try {
            props.putAll(Map.of("bootstrap.servers", PostgresAndKafkaTestResource.kafka().bootstrapServers(),
                    "key.serializer", StringSerializer.class.getName(),
                    "value.serializer", StringSerializer.class.getName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused the test event", e);
        }
    }

    /**
     * The values of {@code key}'s records on {@code topic} (null for a tombstone), read from the beginning until
     * {@code until} accepts the list or {@code limit} passes.
     */
    public static List<String> values(String topic, String key, Predicate<List<String>> until, Duration limit) {
        Properties props = new Properties();
        try {
            props.putAll(Map.of("bootstrap.servers", PostgresAndKafkaTestResource.kafka().bootstrapServers(),
                    "key.deserializer", StringDeserializer.class.getName(),
                    "value.deserializer", StringDeserializer.class.getName(),
                    "group.id", "test-reader-" + System.nanoTime(), "auto.offset.reset", "earliest"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + limit.toNanos();
            while (!until.test(values) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    if (key.equals(r.key())) {
                        values.add(r.value());
                    }
                }
            }
        }
        return values;
    }

    /** Waits up to 30 s for an effect of an asynchronous delivery. */
    public static void await(BooleanSupplier condition, String message) {
        await(condition, message, Duration.ofSeconds(30));
    }

    public static void await(BooleanSupplier condition, String message, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(message + " (waited " + limit.toSeconds() + " s)");
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
