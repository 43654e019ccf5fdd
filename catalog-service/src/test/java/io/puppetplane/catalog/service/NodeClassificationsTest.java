package io.puppetplane.catalog.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.puppetplane.events.CloudEventCodec;
import io.puppetplane.events.payload.NodeClassified;
import io.puppetplane.events.payload.NodeStateChanged;

class NodeClassificationsTest {

    private final CloudEventCodec enrollment = new CloudEventCodec("enrollment-service", Clock.systemUTC());

    @Test
    void decodesARecordReadFromTheTopicWhenItsNodeFirstAsks() {
        NodeClassifications classifications = CatalogServiceTest.classifications();
        NodeClassified classified = new NodeClassified("nc-1.example.com", "nc", Map.of("ntp", Map.of()), null,
            List.of());
        classifications.classifyEncoded("nc-1.example.com",
            enrollment.encode(classified, "nc-1.example.com").cloudEventJson());

        assertEquals(1, classifications.size(), "the record counts before it is decoded");
        assertEquals("nc", classifications.of("nc-1.example.com").orElseThrow().role(), "the record's role");
        assertEquals(Map.of("ntp", Map.of()), classifications.of("nc-1.example.com").orElseThrow().classes(),
            "the record's classes, on every lookup");
    }

    @Test
    void theLatestRecordOfANodeWinsAndATombstoneForgetsIt() {
        NodeClassifications classifications = CatalogServiceTest.classifications();
        classifications.classifyEncoded("cc-1.example.com", enrollment.encode(
            new NodeClassified("cc-1.example.com", "nc", Map.of(), null, List.of()), "cc-1.example.com")
            .cloudEventJson());
        classifications.classifyEncoded("cc-1.example.com", enrollment.encode(
            new NodeClassified("cc-1.example.com", "cc", Map.of(), null, List.of()), "cc-1.example.com")
            .cloudEventJson());
        assertEquals("cc", classifications.of("cc-1.example.com").orElseThrow().role(), "the newer record wins");

        classifications.forget("cc-1.example.com");
        assertTrue(classifications.of("cc-1.example.com").isEmpty(), "a tombstone removes the classification");
    }

    @Test
    void anUnreadableOrForeignRecordLeavesTheNodeUnclassified() {
        NodeClassifications classifications = CatalogServiceTest.classifications();
        classifications.classifyEncoded("broken.example.com", "{not json");
        classifications.classifyEncoded("other.example.com", enrollment.encode(
            new NodeStateChanged("other.example.com", "provisioned", "role_assigned", "test", Instant.now()), "other.example.com")
            .cloudEventJson());

        assertTrue(classifications.of("broken.example.com").isEmpty(), "an unreadable record classifies nothing");
        assertTrue(classifications.of("other.example.com").isEmpty(), "only node-classified events classify");
        assertEquals(0, classifications.size(), "records that classify nothing are dropped once read");
    }
}
