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

    private final CloudEventCodec codec;

    public EventFeed() {
        this(Clock.systemUTC());
    }

    /** Events stamped by {@code clock}, as one encoded earlier and held in a crashed replica's spool would be. */
    public EventFeed(Clock clock) {
        codec = new CloudEventCodec("test-peer", clock);
    }

    public OutgoingEvent csrSubmitted(String certname) {
        return send(new CsrSubmitted(certname, "AA:BB", "127.0.0.1", Map.of(), "pending", Instant.now()), certname);
    }

    public OutgoingEvent certificateSigned(String certname) {
        return send(new CertificateSigned(certname, "0x0A", "AA:BB", Map.of(), Instant.now(),
                Instant.now().plus(Duration.ofDays(365)), "test"), certname);
    }

    /** A run's report, as catalog-service forwards an agent's: a body with no resource events. */
    public OutgoingEvent report(String certname, String status) {
        return report(certname, status, "tx-" + status, Instant.now());
    }

    /** A report carrying {@code report} as the agent's whole report. */
    public OutgoingEvent report(String certname, String status, com.fasterxml.jackson.databind.JsonNode report) {
        Instant runAt = report.hasNonNull("time") ? Instant.parse(report.get("time").asText()) : Instant.now();
        return send(new ReportReceived(certname, "production", status, "1700000000",
                report.path("transaction_uuid").asText("tx-" + status), "cat-1", "code-1", false, runAt, report),
                certname);
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
        return report(certname, status, agentReport(certname, status, transactionUuid, runAt, false));
    }

    /**
     * A report as a Puppet 7 agent sends it ({@code Puppet::Transaction::Report#to_data_hash}, trimmed to what the
     * inventory reads). {@code failing}: the run changed /etc/role, failed to start Service[eucalyptus-nc] and
     * logged an error; otherwise it did nothing.
     */
    public static com.fasterxml.jackson.databind.JsonNode agentReport(String certname, String status,
            String transactionUuid, Instant runAt, boolean failing) {
        String t = runAt.toString();
        String statuses = !failing ? "{}" : """
                {"File[/etc/role]": {"title": "/etc/role", "file": "/etc/puppet/code/environments/production/manifests/site.pp",
                  "line": 3, "resource": "File[/etc/role]", "resource_type": "File", "containment_path": ["Stage[main]", "Main", "File[/etc/role]"],
                  "evaluation_time": 0.01, "tags": ["file", "class"], "time": "%1$s", "failed": false, "changed": true,
                  "out_of_sync": true, "skipped": false, "change_count": 1, "out_of_sync_count": 1, "corrective_change": false,
                  "events": [{"audited": false, "property": "content", "previous_value": "{md5}a", "desired_value": "{md5}b",
                    "historical_value": null, "message": "content changed '{md5}a' to '{md5}b'", "name": "content_changed",
                    "status": "success", "time": "%1$s", "redacted": null, "corrective_change": false}]},
                 "Service[eucalyptus-nc]": {"title": "eucalyptus-nc", "file": "/etc/puppet/code/environments/production/modules/euca_nc/manifests/init.pp",
                  "line": 12, "resource": "Service[eucalyptus-nc]", "resource_type": "Service", "containment_path": ["Stage[main]", "Euca_nc", "Service[eucalyptus-nc]"],
                  "evaluation_time": 0.2, "tags": ["service", "euca_nc"], "time": "%1$s", "failed": true, "changed": false,
                  "out_of_sync": true, "skipped": false, "change_count": 0, "out_of_sync_count": 1, "corrective_change": false,
                  "events": [{"audited": false, "property": "ensure", "previous_value": "stopped", "desired_value": "running",
                    "historical_value": null, "message": "Could not start Service[eucalyptus-nc]", "name": "service_started",
                    "status": "failure", "time": "%1$s", "redacted": null, "corrective_change": false}]},
                 "Package[ntp]": {"title": "ntp", "file": null, "line": null, "resource": "Package[ntp]", "resource_type": "Package",
                  "containment_path": ["Stage[main]", "Ntp", "Package[ntp]"], "evaluation_time": 0.1, "tags": ["package"],
                  "time": "%1$s", "failed": false, "changed": false, "out_of_sync": false, "skipped": false, "change_count": 0,
                  "out_of_sync_count": 0, "corrective_change": false, "events": []}}
                """.formatted(t);
        String logs = !failing ? "[]" : """
                [{"level": "notice", "source": "Puppet", "message": "Applied catalog in 1.20 seconds", "tags": ["notice"],
                  "time": "%1$s", "file": null, "line": null},
                 {"level": "err", "source": "/Stage[main]/Euca_nc/Service[eucalyptus-nc]", "message": "Systemd start for eucalyptus-nc failed!",
                  "tags": ["err", "service"], "time": "%1$s", "file": null, "line": null}]
                """.formatted(t);
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                    {"host": "%s", "time": "%s", "configuration_version": "1700000000", "transaction_uuid": "%s",
                     "report_format": 12, "puppet_version": "7.23.0", "status": "%s", "transaction_completed": true,
                     "noop": false, "noop_pending": false, "environment": "production", "catalog_uuid": "%3$s",
                     "code_id": null, "cached_catalog_status": "not_used", "corrective_change": false,
                     "metrics": {"time": {"name": "time", "label": "Time", "values": [["total", "Total", 1.5]]}},
                     "logs": %s, "resource_statuses": %s}
                    """.formatted(certname, t, transactionUuid, status, logs, statuses));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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

    /** Publishes an event to {@code prefix} + its usual topic, for a consumer of its own (a second inventory). */
    public OutgoingEvent sendWithTopicPrefix(String prefix, Object payload, String certname) {
        OutgoingEvent event = codec.encode(payload, certname);
        sendRaw(prefix + event.topic(), event.key(), event.cloudEventJson());
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
