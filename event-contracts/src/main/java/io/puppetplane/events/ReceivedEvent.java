package io.puppetplane.events;

import java.time.OffsetDateTime;
import java.util.Optional;

/** A CloudEvent read from Kafka. {@link #id()} is what idempotent consumers deduplicate on. */
public record ReceivedEvent(String id, String type, String source, String subject, OffsetDateTime time, byte[] data,
        CloudEventCodec codec) {

    public Optional<EventType> eventType() {
        return EventType.fromType(type);
    }

    public <T> T payload(Class<T> payloadClass) {
        return codec.readPayload(this, payloadClass);
    }
}
