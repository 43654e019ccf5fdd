package io.puppetplane.inventory.ingest.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.puppetplane.inventory.storage.Jdbc;
import io.puppetplane.inventory.storage.Jdbc.Jsonb;
import io.puppetplane.inventory.wire.SortedJson;

/** The latest fact set per node, and the fact paths every stored fact set has. */
@ApplicationScoped
public class FactStore {

    /** What is stored for a node, to decide between stale, unchanged and new. */
    public record Stored(Instant producerTimestamp, String hash, String pathsHash) {
    }

    /** A new fact set. */
    public record Factset(String certname, Long environmentId, Long producerId, JsonNode values,
            JsonNode packageInventory, String hash, Instant producerTimestamp, Instant receivedAt) {
    }

    private final Jdbc jdbc;

    FactStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Stored> stored(String certname) {
        return jdbc.first("SELECT producer_timestamp, hash, paths_hash FROM factsets WHERE certname = ?",
                rs -> new Stored(Jdbc.instant(rs, "producer_timestamp"), rs.getString("hash"),
                        rs.getString("paths_hash")), certname);
    }

    /**
     * Writes the fact set: only its metadata when {@code stored} has the same hash, its fact paths only when the
     * set of paths changed.
     */
    public void replace(Factset f, Optional<Stored> stored) {
        if (stored.isPresent() && stored.get().hash().equals(f.hash())) {
            jdbc.update("UPDATE factsets SET environment_id = ?, producer_id = ?, producer_timestamp = ?,"
                    + " \"timestamp\" = ? WHERE certname = ?", f.environmentId(), f.producerId(),
                    f.producerTimestamp(), f.receivedAt(), f.certname());
            return;
        }
        List<FactPath> paths = paths(f.values());
        String pathsHash = pathsHash(paths);
        jdbc.update("INSERT INTO factsets (certname, environment_id, producer_id, facts, package_inventory, hash,"
                + " paths_hash, producer_timestamp, \"timestamp\") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (certname) DO UPDATE SET environment_id = excluded.environment_id,"
                + " producer_id = excluded.producer_id, facts = excluded.facts,"
                + " package_inventory = excluded.package_inventory, hash = excluded.hash,"
                + " paths_hash = excluded.paths_hash, producer_timestamp = excluded.producer_timestamp,"
                + " \"timestamp\" = excluded.\"timestamp\"",
                f.certname(), f.environmentId(), f.producerId(), new Jsonb(f.values().toString()),
                f.packageInventory() == null ? null : new Jsonb(f.packageInventory().toString()), f.hash(),
                pathsHash, f.producerTimestamp(), f.receivedAt());
        if (stored.isPresent() && pathsHash.equals(stored.get().pathsHash())) {
            return;
        }
        // Another node with the same set of paths (a fleet's nodes mostly have one) has them all stored already:
        // the collector deletes a path only when no factset has its fact.
        if (jdbc.first("SELECT 1 FROM factsets WHERE paths_hash = ? AND certname <> ? LIMIT 1", rs -> 1, pathsHash,
                f.certname()).isPresent()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (FactPath p : paths) {
            rows.add(new Object[] {p.path(), p.valueType(), new Jsonb(p.pathJson().toString()), p.name(), p.depth()});
        }
        jdbc.batch("INSERT INTO fact_paths (path, value_type, path_json, name, depth) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING", rows);
    }

    private static String pathsHash(List<FactPath> paths) {
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        paths.stream().map(p -> p.path() + "\u0000" + p.valueType()).sorted().forEach(all::add);
        return SortedJson.sha1(all);
    }

    /** One path of a fact value, as PuppetDB lists it in fact-paths. */
    public record FactPath(String path, String valueType, ArrayNode pathJson, String name, int depth) {
    }

    /**
     * Every path of the facts: each leaf, plus each top-level fact whose value is a non-empty collection (as type
     * json), as PuppetDB's {@code facts->pathmaps} flattens them.
     */
    public static List<FactPath> paths(JsonNode values) {
        Map<String, FactPath> paths = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> fact = it.next();
            ArrayNode path = JsonNodeFactory.instance.arrayNode().add(fact.getKey());
            walk(fact.getKey(), path, fact.getValue(), paths);
        }
        return new ArrayList<>(paths.values());
    }

    private static void walk(String name, ArrayNode path, JsonNode value, Map<String, FactPath> out) {
        if (value.isContainerNode()) {
            if (value.isEmpty()) {
                return;
            }
            if (path.size() == 1) {
                add(name, path, "json", out);
            }
            if (value.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> child = it.next();
                    walk(name, path.deepCopy().add(child.getKey()), child.getValue(), out);
                }
            } else {
                for (int i = 0; i < value.size(); i++) {
                    walk(name, path.deepCopy().add(i), value.get(i), out);
                }
            }
        } else {
            add(name, path, valueType(value), out);
        }
    }

    private static void add(String name, ArrayNode path, String type, Map<String, FactPath> out) {
        String encoded = encode(path);
        out.putIfAbsent(encoded + "\u0000" + type, new FactPath(encoded, type, path, name, path.size() - 1));
    }

    private static String valueType(JsonNode value) {
        if (value.isTextual()) {
            return "string";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "float";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        return "null";
    }

    /** PuppetDB's path string: elements joined by {@code #~}, digit-only keys quoted, the delimiter escaped. */
    static String encode(ArrayNode path) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.size(); i++) {
            if (i > 0) {
                out.append("#~");
            }
            JsonNode element = path.get(i);
            if (element.isNumber()) {
                out.append(element.asText());
            } else {
                String key = element.asText();
                if (!key.isEmpty() && key.chars().allMatch(Character::isDigit)) {
                    key = "\"" + key + "\"";
                }
                out.append(key.replace("#~", "\\#\\~"));
            }
        }
        return out.toString();
    }
}
