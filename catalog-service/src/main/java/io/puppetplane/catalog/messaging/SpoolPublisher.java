package io.puppetplane.catalog.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.puppetplane.catalog.config.CatalogConfig;
import io.puppetplane.events.KafkaClientProperties;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Drains the {@link EventSpool} to Kafka in write order on one background thread: an event leaves the spool only
 * after Kafka acknowledged it (acks=all, idempotent producer). While Kafka is down, events wait and are retried;
 * consumers deduplicate by event id, so a resend after a crash is harmless.
 */
@ApplicationScoped
public class SpoolPublisher {

    private static final Logger LOG = Logger.getLogger(SpoolPublisher.class);
    private static final int BATCH = 500;
    private static final long RETRY_MILLIS = 1000;

    @Inject
    EventSpool spool;

    @Inject
    CatalogConfig config;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private volatile KafkaProducer<String, String> producer;
    private Thread thread;
    private volatile boolean stopping;
    private Counter published;

    /**
     * Kafka's client takes a while to build on a cold JVM: built on the publisher's thread, and only once the spool
     * holds an event, so that a starting replica spends its CPU on becoming ready (reading classification, opening
     * its socket), not on a producer that has nothing to send yet.
     */
    void onStart(@Observes StartupEvent event) {
        published = registry.counter("catalog.events.published");
        thread = new Thread(this::drainLoop, "event-spool-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    private KafkaProducer<String, String> newProducer() {
        Properties props = KafkaClientProperties.of(bootstrapServers, "catalog-service-events");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        long timeout = config.spool().sendTimeout().toMillis();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout, 5000));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout, 5010));
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /**
     * A replica that stops (scale-in, rollout, node drain) may never start again with the same disk, so it empties
     * its spool first while Kafka takes events, up to {@code spool.drain-on-shutdown}; only what Kafka refused in
     * that time stays for the next start.
     */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(1000);
            long deadline = System.nanoTime() + config.spool().drainOnShutdown().toNanos();
            if (spool.size() > 0 && producer == null) {
                producer = newProducer(); // requests just drained spooled the first events
            }
            while (spool.size() > 0 && System.nanoTime() < deadline) {
                if (!publishBatch()) {
                    Thread.sleep(200);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf("draining the event spool before exit failed: %s", e.getMessage());
        } finally {
            if (spool.size() > 0) {
                LOG.warnf("%d events stay in the spool %s for the next start", spool.size(), config.spool().dir());
            } else {
                LOG.info("event spool drained");
            }
            if (producer != null) {
                producer.close(Duration.ofSeconds(2));
            }
        }
    }

    private void drainLoop() {
        try {
            while (spool.size() == 0 && !stopping) {
                spool.awaitOffer(RETRY_MILLIS);
            }
            if (stopping) {
                return;
            }
            producer = newProducer();
        } catch (InterruptedException e) {
            return;
        } catch (RuntimeException e) {
            LOG.error("no Kafka producer (check kafka.* settings); events stay in the spool", e);
            return;
        }
        while (!stopping) {
            try {
                if (spool.size() == 0) {
                    spool.awaitOffer(RETRY_MILLIS);
                    continue;
                }
                if (!publishBatch()) {
                    Thread.sleep(RETRY_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("publishing spooled events failed, retrying: %s", e.getMessage());
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Sends the oldest events; returns false if Kafka did not take all of them. */
    boolean publishBatch() throws InterruptedException {
        List<EventSpool.Spooled> batch = spool.oldest(BATCH);
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (EventSpool.Spooled event : batch) {
            acks.add(producer.send(new ProducerRecord<>(event.topic(), event.key(), event.value())));
        }
        for (int i = 0; i < batch.size(); i++) {
            try {
                acks.get(i).get(config.spool().sendTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
                spool.sent(batch.get(i));
                published.increment();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warnf("Kafka did not take event %s yet (%s); it stays spooled", batch.get(i).file().getFileName(),
                    e.getMessage());
                return false;
            }
        }
        return true;
    }
}
