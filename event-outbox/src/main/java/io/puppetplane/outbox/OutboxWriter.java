package io.puppetplane.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;
import io.puppetplane.events.CloudEventCodec;
import io.puppetplane.events.OutgoingEvent;

/**
 * Records an event in the caller's transaction. It becomes visible to the relay only if that transaction commits,
 * so a state change and its announcement can never disagree.
 */
@ApplicationScoped
public class OutboxWriter {

    private final AgroalDataSource dataSource;
    private final CloudEventCodec codec;
    private final Event<OutboxAppended> appended;

    OutboxWriter(AgroalDataSource dataSource, CloudEventCodec codec, Event<OutboxAppended> appended) {
        this.dataSource = dataSource;
        this.codec = codec;
        this.appended = appended;
    }

    /** Appends {@code payload} about {@code subject}; must run inside the transaction that changes the state. */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutgoingEvent append(Object payload, String subject) {
        OutgoingEvent event = codec.encode(payload, subject);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO outbox_event (id, topic, event_key, event_type, cloud_event) VALUES (?, ?, ?, ?, ?)")) {
            ps.setObject(1, UUID.fromString(event.id()));
            ps.setString(2, event.topic());
            ps.setString(3, event.key());
            ps.setString(4, event.type().type());
            ps.setString(5, event.cloudEventJson());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new OutboxException("could not record event " + event.type().type() + " for " + subject, e);
        }
        appended.fire(new OutboxAppended(event.id()));
        return event;
    }

    /** The database refused the write; the surrounding transaction rolls back with it. */
    public static final class OutboxException extends RuntimeException {
        OutboxException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
