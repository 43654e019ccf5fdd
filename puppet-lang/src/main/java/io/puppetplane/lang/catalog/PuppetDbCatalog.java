package io.puppetplane.lang.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled catalog in PuppetDB's {@code replace catalog} v9 wire format, made as Puppet Server's PuppetDB terminus
 * makes it from the catalog it just compiled: exported resources kept, every parameter map present, the aliases a
 * resource answers to under {@code alias}, unordered metaparameters sorted, containment edges plus the edges its
 * before/require/notify/subscribe make, sensitive parameters left out.
 */
public final class PuppetDbCatalog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> UNORDERED_METAPARAMS = List.of("alias", "audit", "before", "check", "notify",
        "require", "subscribe", "tag");
    private static final Pattern REFERENCE = Pattern.compile("(?s)\\A([^\\[\\]]+)\\[(.+)\\]\\z");
    private static final Pattern WELL_FORMED_REFERENCE = Pattern.compile("(?s)\\A[A-Z][a-z0-9_]*(::[A-Z][a-z0-9_]*)*\\[.*\\]");
    private static final DateTimeFormatter WIRE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
        .withZone(ZoneOffset.UTC);

    /** A relationship metaparameter: the edge it makes and which way. */
    private record Relationship(String param, String name, boolean forward) {
    }

    private static final List<Relationship> RELATIONSHIPS = List.of(
        new Relationship("before", "before", true), new Relationship("require", "required-by", false),
        new Relationship("notify", "notifies", true), new Relationship("subscribe", "subscription-of", false));

    private PuppetDbCatalog() {
    }

    /**
     * The v9 payload. TRANSACTION_UUID also stands for the catalog uuid when the catalog has none; PRODUCER is the
     * compiling server's certname; a relationship to a resource the catalog lacks, or to an exported resource not
     * collected here, is refused as the terminus refuses it (an IllegalArgumentException with its words).
     */
    public static ObjectNode of(Catalog catalog, String transactionUuid, String jobId, Instant producerTimestamp,
                                String producer) {
        ObjectNode source;
        try {
            source = (ObjectNode) JSON.readTree(catalog.toStoredJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a catalog rendered JSON it cannot read back", e);
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("certname", source.path("name").asText());
        out.put("version", source.path("version").asText());
        out.set("code_id", source.path("code_id"));
        out.put("job_id", jobId);
        out.put("catalog_uuid", source.path("catalog_uuid").isTextual() ? source.path("catalog_uuid").asText()
            : transactionUuid);
        ArrayNode resources = out.putArray("resources");
        List<CatalogResource> stored = catalog.storedResources();
        Map<String, ObjectNode> byRef = new HashMap<>();
        Map<String, ObjectNode> byAlias = new HashMap<>();
        for (int i = 0; i < stored.size(); i++) {
            ObjectNode r = (ObjectNode) source.path("resources").get(i);
            CatalogResource real = stored.get(i);
            ObjectNode params = r.has("parameters") ? (ObjectNode) r.get("parameters") : r.putObject("parameters");
            if (!real.aliases().isEmpty()) {
                ArrayNode aliases = params.putArray("alias");
                real.aliases().forEach(aliases::add);
            }
            sortUnorderedMetaparams(params);
            if (r.has("sensitive_parameters")) {
                r.get("sensitive_parameters").forEach(p -> params.remove(p.asText()));
                r.remove("sensitive_parameters");
            }
            resources.add(r);
            byRef.put(ref(r.path("type").asText(), r.path("title").asText()), r);
            for (String a : real.aliases()) {
                byAlias.put(ref(r.path("type").asText(), a), r);
            }
        }
        ArrayNode edges = out.putArray("edges");
        Set<JsonNode> unique = new LinkedHashSet<>();
        for (JsonNode e : source.path("edges")) {
            unique.add(edge("contains", vertex(e.path("source").asText()), vertex(e.path("target").asText())));
        }
        for (int i = 0; i < stored.size(); i++) {
            if (stored.get(i).virtual()) {
                continue; // an exported resource not collected here relates to nothing yet
            }
            ObjectNode r = (ObjectNode) resources.get(i);
            ObjectNode self = vertex(r.path("type").asText(), r.path("title").asText());
            for (Relationship rel : RELATIONSHIPS) {
                JsonNode value = r.path("parameters").get(rel.param());
                if (value == null) {
                    continue;
                }
                for (String other : flatten(value)) {
                    unique.add(relationshipEdge(rel, self, other, byRef, byAlias, stored, resources));
                }
            }
        }
        unique.forEach(edges::add);
        out.put("transaction_uuid", transactionUuid);
        out.put("environment", source.path("environment").asText());
        out.put("producer_timestamp", WIRE_TIME.format(producerTimestamp));
        out.put("producer", producer);
        return out;
    }

    private static ObjectNode relationshipEdge(Relationship rel, ObjectNode self, String other,
                                               Map<String, ObjectNode> byRef, Map<String, ObjectNode> byAlias,
                                               List<CatalogResource> stored, ArrayNode resources) {
        String described = self.path("type").asText() + "[" + self.path("title").asText() + "] { " + rel.param()
            + " => " + other + " }";
        Matcher m = REFERENCE.matcher(other);
        if (!WELL_FORMED_REFERENCE.matcher(other).find() || !m.matches()) {
            throw new IllegalArgumentException("Invalid relationship: " + described + ", because " + other
                + " doesn't seem to be in the correct format. Resource references should be formatted as: "
                + "Classname['title'] or Modulename::Classname['title'] (take careful note of the capitalization).");
        }
        String type = m.group(1);
        String title = m.group(2);
        if (type.equals("File") && title.endsWith("/")) {
            title = title.replaceAll("/+\\z", "");
        }
        ObjectNode target = byRef.get(ref(type, title));
        if (target == null) {
            target = byAlias.get(ref(type, title));
        }
        if (target == null) {
            throw new IllegalArgumentException("Invalid relationship: " + described + ", because " + other
                + " doesn't seem to be in the catalog");
        }
        for (int i = 0; i < resources.size(); i++) {
            if (resources.get(i) == target && stored.get(i).virtual()) {
                throw new IllegalArgumentException("Invalid relationship: " + described + ", because " + other
                    + " is exported but not collected");
            }
        }
        ObjectNode otherVertex = vertex(target.path("type").asText(), target.path("title").asText());
        return rel.forward() ? edge(rel.name(), self, otherVertex) : edge(rel.name(), otherVertex, self);
    }

    private static void sortUnorderedMetaparams(ObjectNode params) {
        for (String name : UNORDERED_METAPARAMS) {
            JsonNode v = params.get(name);
            if (v instanceof ArrayNode a && !a.isEmpty()) {
                List<JsonNode> sorted = new ArrayList<>();
                a.forEach(sorted::add);
                sorted.sort(Comparator.comparing(PuppetDbCatalog::rubyToS));
                ArrayNode out = params.putArray(name);
                sorted.forEach(out::add);
            }
        }
    }

    /** What Ruby's to_s of a JSON value is, as the terminus sorts by it. */
    private static String rubyToS(JsonNode v) {
        return v.isTextual() ? v.asText() : v.toString();
    }

    private static List<String> flatten(JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(x -> out.addAll(flatten(x)));
        } else if (!v.isNull()) {
            out.add(v.asText());
        }
        return out;
    }

    private static String ref(String type, String title) {
        return type + "[" + title + "]";
    }

    private static ObjectNode vertex(String ref) {
        Matcher m = REFERENCE.matcher(ref);
        return m.matches() ? vertex(m.group(1), m.group(2)) : vertex(ref, "");
    }

    private static ObjectNode vertex(String type, String title) {
        ObjectNode v = JSON.createObjectNode();
        v.put("type", type);
        v.put("title", title);
        return v;
    }

    private static ObjectNode edge(String relationship, ObjectNode source, ObjectNode target) {
        ObjectNode e = JSON.createObjectNode();
        e.set("source", source);
        e.set("target", target);
        e.put("relationship", relationship);
        return e;
    }
}
