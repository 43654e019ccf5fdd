package io.puppetplane.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.jackson.JsonFormat;

/**
 * Turns payload records into structured-mode CloudEvents (JSON, {@code application/cloudevents+json}) and back.
 * Structured mode keeps the whole event in the record value, so it survives any tool that copies values only.
 */
public final class CloudEventCodec {

    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final JsonFormat format = new JsonFormat();
    private final URI source;
    private final Clock clock;

    /** @param serviceName the producing service, which becomes the CloudEvent source {@code /puppetplane/<name>} */
    public CloudEventCodec(String serviceName, Clock clock) {
        this.source = URI.create("/puppetplane/" + serviceName);
        this.clock = clock;
    }

    /** Encodes {@code payload}; the subject (and Kafka key) is the node or environment it is about. */
    public OutgoingEvent encode(Object payload, String subject) {
        EventType type = EventType.forPayload(payload.getClass());
        String id = UUID.randomUUID().toString();
        byte[] data;
        try {
            data = mapper.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + type.type(), e);
        }
        CloudEvent event = CloudEventBuilder.v1()
                .withId(id)
                .withSource(source)
                .withType(type.type())
                .withSubject(subject)
                .withTime(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(data)
                .build();
        String json = new String(format.serialize(event), StandardCharsets.UTF_8);
        return new OutgoingEvent(id, type, type.topic(), subject, json);
    }

    /**
     * Decodes a record value.
     *
     * @throws MalformedEventException if the value is not a CloudEvent; consumers log and skip such records
     */
    public ReceivedEvent decode(String value) {
        if (value == null) {
            throw new MalformedEventException("a tombstone carries no event");
        }
        try {
            CloudEvent event = format.deserialize(value.getBytes(StandardCharsets.UTF_8));
            byte[] data = event.getData() == null ? new byte[0] : event.getData().toBytes();
            return new ReceivedEvent(event.getId(), event.getType(), String.valueOf(event.getSource()),
                    event.getSubject(), event.getTime(), data, this);
        } catch (EventDeserializationException | IllegalArgumentException | IllegalStateException e) {
            throw new MalformedEventException("not a CloudEvent: " + e.getMessage());
        }
    }

    <T> T readPayload(ReceivedEvent event, Class<T> payloadClass) {
        try {
            return mapper.readValue(event.data(), payloadClass);
        } catch (IOException e) {
            throw new MalformedEventException("event " + event.id() + " of type " + event.type()
                    + " has a payload that is not a " + payloadClass.getSimpleName() + ": " + e.getMessage());
        }
    }

    /** A record that cannot be read as one of our events. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }
    }
}
