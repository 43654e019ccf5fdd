package io.puppetplane.inventory.ingest.service;

import java.time.Instant;
import java.util.Collection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code replace facts} v4/v5: a node's whole fact set. */
public record FactsPayload(String certname, String environment, Instant producerTimestamp, String producer,
        ObjectNode values, JsonNode packageInventory) {

    static FactsPayload read(Command command, Collection<String> blocklist) {
        PayloadFields f = new PayloadFields(command.payload(), "replace facts payload");
        ObjectNode values = ((ObjectNode) f.requiredObject("values")).deepCopy();
        values.remove(blocklist);
        Instant producerTimestamp = f.optionalTime("producer_timestamp");
        JsonNode packages = f.node().get("package_inventory");
        if (packages != null && !packages.isNull() && !packages.isArray()) {
            throw new InvalidCommandException("replace facts payload: 'package_inventory' must be an array");
        }
        return new FactsPayload(f.certname(), f.optionalText("environment"),
                producerTimestamp != null ? producerTimestamp
                        : command.producerTimestamp().orElse(command.receivedAt()),
                f.optionalText("producer"), values,
                packages == null || packages.isNull() || packages.isEmpty() ? null : packages);
    }
}
