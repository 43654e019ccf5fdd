package io.puppetplane.outbox;

/** Fired when an event joins the outbox, so the relay can publish right after the commit instead of at its next poll. */
public record OutboxAppended(String eventId) {
}
