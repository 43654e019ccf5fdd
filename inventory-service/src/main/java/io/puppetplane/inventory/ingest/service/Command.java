package io.puppetplane.inventory.ingest.service;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One command to apply, whichever way it came: PuppetDB's command API or one of the plane's events.
 *
 * @param producerTimestamp the {@code producer-timestamp} request parameter, used when the payload has none
 * @param receivedAt when this service got it: the "timestamp" PuppetDB shows for facts and catalogs
 */
public record Command(CommandName name, int version, String certname, Optional<Instant> producerTimestamp,
        JsonNode payload, Instant receivedAt) {
}
