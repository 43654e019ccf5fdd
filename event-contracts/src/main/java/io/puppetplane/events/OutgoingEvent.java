package io.puppetplane.events;

/** An event ready for Kafka: the structured-mode CloudEvent JSON, its topic and record key. */
public record OutgoingEvent(String id, EventType type, String topic, String key, String cloudEventJson) {
}
