package io.puppetplane.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.puppetplane.events.CloudEventCodec;
import io.puppetplane.events.ReceivedEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Makes a consumer idempotent by event id: the id is recorded in the same transaction as the event's effect, so a
 * redelivered event (Kafka delivers at least once) changes nothing the second time.
 */
@ApplicationScoped
public class InboxGuard {

    private static final Logger LOG = Logger.getLogger(InboxGuard.class);

    private final AgroalDataSource dataSource;
    private final CloudEventCodec codec;

    InboxGuard(AgroalDataSource dataSource, CloudEventCodec codec) {
        this.dataSource = dataSource;
        this.codec = codec;
    }

    /** True the first time {@code consumer} sees {@code eventId}; must run inside the effect's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, String eventId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO inbox_event (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, consumer);
            ps.setString(2, eventId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record delivery of " + eventId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decodes a record value and applies {@code effect} once per event id, in one new transaction. Records that are
     * not CloudEvents are logged and skipped so that one bad record cannot stop a consumer.
     *
     * @return true if the effect ran
     */
    public boolean applyOnce(String consumer, String recordValue, Consumer<ReceivedEvent> effect) {
        ReceivedEvent event;
        try {
            event = codec.decode(recordValue);
        } catch (CloudEventCodec.MalformedEventException e) {
            LOG.warnf("%s skipped a record: %s", consumer, e.getMessage());
            return false;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!firstDelivery(consumer, event.id())) {
                return false;
            }
            effect.accept(event);
            return true;
        });
    }
}
