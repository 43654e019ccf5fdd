package io.puppetplane.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes committed outbox rows to Kafka, oldest first, and stamps them once Kafka acknowledged them. Rows are
 * claimed with {@code FOR UPDATE SKIP LOCKED}, so replicas share the work, and a replica that dies releases its
 * claim with its connection. Delivery is at least once; consumers deduplicate by event id ({@link InboxGuard}).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final AgroalDataSource dataSource;
    private final MutinyEmitter<String> emitter;
    private final OutboxConfig config;
    private final Clock clock;
    private final Counter published;
    private final Counter failures;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
    private final AtomicBoolean wakeQueued = new AtomicBoolean();

    OutboxRelay(AgroalDataSource dataSource, @Channel("outbox") MutinyEmitter<String> emitter, OutboxConfig config,
            Clock clock, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.emitter = emitter;
        this.config = config;
        this.clock = clock;
        this.published = registry.counter("outbox.events.published");
        this.failures = registry.counter("outbox.relay.failures");
    }

    /** The safety net for events whose wake-up was lost (a restart, a Kafka outage). */
    @Scheduled(every = "${puppetplane.outbox.poll-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        wake();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void forgetOldRows() {
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> {
            execute("DELETE FROM outbox_event WHERE published_at < ?", now.minus(config.publishedRetention()));
            execute("DELETE FROM inbox_event WHERE processed_at < ?", now.minus(config.inboxRetention()));
        });
    }

    /** Coalesces wake-ups: at most one relay run is queued behind the running one. */
    public void wake() {
        if (wakeQueued.compareAndSet(false, true)) {
            worker.execute(() -> {
                wakeQueued.set(false);
                relayPending();
            });
        }
    }

    /** Relays until nothing is pending or Kafka stops acknowledging; returns how many events went out. */
    public int relayPending() {
        int total = 0;
        try {
            int sent;
            do {
                sent = QuarkusTransaction.requiringNew().call(this::relayOneBatch);
                total += sent;
            } while (sent == config.batchSize());
        } catch (RuntimeException e) {
            failures.increment();
            LOG.warnf("Outbox relay paused, will retry: %s", e.getMessage());
        }
        return total;
    }

    private int relayOneBatch() throws SQLException {
        List<PendingEvent> batch = claimBatch();
        List<UUID> done = new ArrayList<>();
        try {
            for (PendingEvent event : batch) {
                send(event);
                done.add(event.id());
            }
        } finally {
            // Stamp what Kafka acknowledged even when a later send failed, so it is not sent again.
            markPublished(done);
        }
        return done.size();
    }

    private List<PendingEvent> claimBatch() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, topic, event_key, cloud_event FROM outbox_event "
                        + "WHERE published_at IS NULL ORDER BY created_at, id LIMIT ? FOR UPDATE SKIP LOCKED")) {
            ps.setInt(1, config.batchSize());
            List<PendingEvent> batch = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    batch.add(new PendingEvent(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4)));
                }
            }
            return batch;
        }
    }

    private void send(PendingEvent event) {
        // No content-type header: SmallRye would then parse the structured CloudEvent itself and hand consumers
        // only its data; the value is self-describing JSON that CloudEventCodec reads whole.
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic())
                .withKey(event.key())
                .build();
        emitter.sendMessage(Message.of(event.cloudEvent()).addMetadata(metadata))
                .await().atMost(config.sendTimeout());
        published.increment();
    }

    private void markPublished(List<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE outbox_event SET published_at = ? WHERE id = ANY (?)")) {
            ps.setObject(1, java.sql.Timestamp.from(clock.instant()));
            ps.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            ps.executeUpdate();
        }
    }

    private void execute(String sql, Instant before) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, java.sql.Timestamp.from(before));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    private record PendingEvent(UUID id, String topic, String key, String cloudEvent) {
    }
}
