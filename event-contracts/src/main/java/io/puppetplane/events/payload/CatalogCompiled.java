package io.puppetplane.events.payload;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A catalog catalog-service compiled for an agent, as Puppet Server's PuppetDB terminus stores it: {@code catalog} is
 * the {@code replace catalog} v9 wire format (certname, version, environment, transaction_uuid, catalog_uuid,
 * code_id, producer_timestamp, producer, resources with exported ones and their tags, edges), and
 * {@code producerTimestamp} orders catalogs of one node as PuppetDB does.
 */
public record CatalogCompiled(String certname, String environment, String transactionUuid, String codeId,
        Instant producerTimestamp, JsonNode catalog) {
}
