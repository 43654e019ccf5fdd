package io.puppetplane.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.puppetplane.events.payload.CertificateSigned;
import io.puppetplane.events.payload.NodeClassified;

class CloudEventCodecTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    private final CloudEventCodec codec = new CloudEventCodec("ca-service", clock);

    @Test
    void encodesAPayloadAsAStructuredCloudEventOnItsFamilysTopic() {
        CertificateSigned signed = new CertificateSigned("nc1.example.com", "0x0003", "AB:CD",
                Map.of("pp_role", "nc"), Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2031-11-23T10:00:00Z"),
                "autosign: 127.0.0.0/8");
        OutgoingEvent out = codec.encode(signed, "nc1.example.com");

        assertEquals(Topics.CERTIFICATES, out.topic(), "certificate events go to the certificates topic");
        assertEquals("nc1.example.com", out.key(), "the record key is the subject");
        assertTrue(out.cloudEventJson().contains("\"specversion\":\"1.0\""), "a CloudEvents 1.0 envelope: " + out.cloudEventJson());
        assertTrue(out.cloudEventJson().contains("\"type\":\"io.puppetplane.ca.certificate-signed.v1\""),
                "the versioned type: " + out.cloudEventJson());
        assertTrue(out.cloudEventJson().contains("\"source\":\"/puppetplane/ca-service\""), "the producer as source");
    }

    @Test
    void decodesWhatItEncodedWithTheSameIdAndPayload() {
        NodeClassified classified = new NodeClassified("cc1", "cc", Map.of("euca_cc", Map.of("port", 8774)),
                "production", List.of("cluster-a"));
        OutgoingEvent out = codec.encode(classified, "cc1");

        ReceivedEvent in = codec.decode(out.cloudEventJson());

        assertEquals(out.id(), in.id(), "the id survives the round trip");
        assertEquals(EventType.NODE_CLASSIFIED, in.eventType().orElseThrow(), "the type is recognised");
        assertEquals("cc1", in.subject(), "the subject survives");
        assertEquals(classified, in.payload(NodeClassified.class), "the payload survives unchanged");
        assertEquals(Instant.parse("2026-11-24T10:00:00Z"), in.time().toInstant(), "time comes from the clock");
    }

    @Test
    void refusesARecordThatIsNotACloudEvent() {
        CloudEventCodec.MalformedEventException e = assertThrows(CloudEventCodec.MalformedEventException.class,
                () -> codec.decode("{\"hello\":1}"), "a plain JSON object is not an event");
        assertTrue(e.getMessage().startsWith("not a CloudEvent"), e.getMessage());
    }
}
