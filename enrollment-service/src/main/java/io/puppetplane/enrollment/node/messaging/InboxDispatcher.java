package io.puppetplane.enrollment.node.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.puppetplane.events.CloudEventCodec;
import io.puppetplane.events.EventType;
import io.puppetplane.events.ReceivedEvent;
import io.puppetplane.outbox.InboxGuard;

/**
 * What every consumer of this service does with a record: apply it once per event id ({@link InboxGuard}), by its
 * event type, to an effect on its typed payload. Other types are consumed without effect. A payload that does not
 * fit its type is logged and skipped with its delivery recorded, so one bad record cannot stop a consumer.
 */
@ApplicationScoped
public class InboxDispatcher {

    private static final Logger LOG = Logger.getLogger(InboxDispatcher.class);

    private final InboxGuard inbox;

    InboxDispatcher(InboxGuard inbox) {
        this.inbox = inbox;
    }

    /** What one event type does with its payload (and the event, for its time and id). */
    @FunctionalInterface
    public interface Effect<T> {
        void apply(T payload, ReceivedEvent event);
    }

    /** An event type, the payload class it carries and its effect. */
    public record Route<T>(EventType type, Class<T> payloadClass, Effect<T> effect) {

        void applyTo(ReceivedEvent event) {
            effect.apply(event.payload(payloadClass), event);
        }
    }

    public static <T> Route<T> route(EventType type, Class<T> payloadClass, Effect<T> effect) {
        return new Route<>(type, payloadClass, effect);
    }

    /** Applies {@code recordValue} once for {@code consumer}, through the route of its event type if any. */
    public void applyOnce(String consumer, String recordValue, Route<?>... routes) {
        inbox.applyOnce(consumer, recordValue, event -> {
            EventType type = event.eventType().orElse(null);
            for (Route<?> route : routes) {
                if (route.type() == type) {
                    try {
                        route.applyTo(event);
                    } catch (CloudEventCodec.MalformedEventException e) {
                        LOG.warnf("%s skipped event %s: %s", consumer, event.id(), e.getMessage());
                    }
                    return;
                }
            }
        });
    }
}
