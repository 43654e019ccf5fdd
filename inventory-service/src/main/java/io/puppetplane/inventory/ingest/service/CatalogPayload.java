package io.puppetplane.inventory.ingest.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code replace catalog} v6–v9: a node's compiled catalog. */
public record CatalogPayload(String certname, String version, String environment, String transactionUuid,
        String catalogUuid, String codeId, String jobId, Instant producerTimestamp, String producer,
        List<Resource> resources, List<Edge> edges) {

    /** PuppetDB's tag pattern ({@code catalogs.clj}): Puppet lowercases tags, so an uppercase one is refused. */
    private static final Pattern TAG = Pattern.compile("[[\\p{L}&&[^\\p{Lu}]]\\p{N}_][[\\p{L}&&[^\\p{Lu}]]\\p{N}_:.-]*");
    private static final Set<String> RELATIONSHIPS = Set.of("contains", "before", "required-by", "notifies",
            "subscription-of");

    public record Resource(String type, String title, List<String> tags, boolean exported, String file,
            Integer line, ObjectNode parameters) {
    }

    public record Edge(String sourceType, String sourceTitle, String targetType, String targetTitle,
            String relationship) {
    }

    static CatalogPayload read(Command command) {
        PayloadFields f = new PayloadFields(command.payload(), "replace catalog payload");
        List<Resource> resources = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (JsonNode node : f.requiredArray("resources")) {
            Resource resource = resource(new PayloadFields(node, "catalog resource"));
            if (!keys.add(resource.type() + "[" + resource.title() + "]")) {
                throw new InvalidCommandException("catalog has resource " + resource.type() + "["
                        + resource.title() + "] twice");
            }
            resources.add(resource);
        }
        List<Edge> edges = new ArrayList<>();
        for (JsonNode node : f.requiredArray("edges")) {
            Edge edge = edge(node);
            for (String end : List.of(edge.sourceType() + "[" + edge.sourceTitle() + "]",
                    edge.targetType() + "[" + edge.targetTitle() + "]")) {
                if (!keys.contains(end)) {
                    throw new InvalidCommandException("Edge " + node + " refers to resource " + end
                            + ", which doesn't exist in the catalog.");
                }
            }
            edges.add(edge);
        }
        Instant producerTimestamp = f.optionalTime("producer_timestamp");
        String transactionUuid = f.optionalText("transaction_uuid");
        String catalogUuid = f.optionalText("catalog_uuid");
        return new CatalogPayload(f.certname(), f.requiredText("version"), f.optionalText("environment"),
                transactionUuid, catalogUuid == null ? transactionUuid : catalogUuid, f.optionalText("code_id"),
                f.optionalText("job_id"),
                producerTimestamp != null ? producerTimestamp
                        : command.producerTimestamp().orElse(command.receivedAt()),
                f.optionalText("producer"), resources, edges);
    }

    private static Resource resource(PayloadFields r) {
        String type = r.requiredText("type");
        String title = r.requiredText("title");
        List<String> tags = r.optionalStrings("tags");
        if (tags == null) {
            throw new InvalidCommandException("catalog resource " + type + "[" + title + "] has no 'tags'");
        }
        for (String tag : tags) {
            if (!TAG.matcher(tag).matches()) {
                throw new InvalidCommandException("Resource '" + type + "[" + title + "]' has an invalid tag '" + tag
                        + "'. Tags must match the pattern /" + TAG.pattern() + "/.");
            }
        }
        Boolean exported = r.optionalBoolean("exported");
        JsonNode parameters = r.node().get("parameters");
        if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
            throw new InvalidCommandException("catalog resource " + type + "[" + title + "]: 'parameters' must be"
                    + " an object");
        }
        return new Resource(type, title, tags.stream().distinct().sorted().toList(), Boolean.TRUE.equals(exported),
                r.optionalText("file"), r.optionalInteger("line"),
                parameters == null || parameters.isNull() ? JsonNodeFactory.instance.objectNode()
                        : (ObjectNode) parameters);
    }

    private static Edge edge(JsonNode node) {
        PayloadFields e = new PayloadFields(node, "catalog edge");
        PayloadFields source = new PayloadFields(e.requiredObject("source"), "edge source");
        PayloadFields target = new PayloadFields(e.requiredObject("target"), "edge target");
        String relationship = e.requiredText("relationship").toLowerCase(Locale.ROOT);
        if (!RELATIONSHIPS.contains(relationship)) {
            throw new InvalidCommandException("Edge " + node + " has invalid relationship type '" + relationship + "'");
        }
        return new Edge(source.requiredText("type"), source.requiredText("title"), target.requiredText("type"),
                target.requiredText("title"), relationship);
    }
}
