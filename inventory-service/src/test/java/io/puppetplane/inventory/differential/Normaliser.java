package io.puppetplane.inventory.differential;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Normalises one server's JSON answer before the diff, as spec §8.6 says:
 * <ul>
 * <li>receive times ({@code receive_time}, {@code report_receive_time}, {@code catalog_timestamp},
 * {@code facts_timestamp}, a factset's or inventory row's {@code timestamp}, {@code server_time},
 * {@code expires_facts_updated}) are replaced by their FORM (digits as 9: {@code 9999-99-99T99:99:99.999Z}), so
 * the value is ignored but the format is still compared strictly; command {@code uuid}s are masked;</li>
 * <li>every other timestamp is compared as it is, so its format too. The reference is not uniform: what PuppetDB
 * formats from its columns is {@code YYYY-MM-DDTHH:MM:SS.sssZ}, but a report's {@code logs.data[].time} and the
 * {@code resource_events.data[].timestamp} embedded in /reports come back as the agent sent them
 * ({@code …+00:00}, measured). {@link #violations()} lists only broken forms that the reference never produces
 * (not {@code 9999-99-99T99:99:99.999Z} nor {@code …999+99:99});</li>
 * <li>{@code href}s lose whatever comes before {@code /pdb/};</li>
 * <li>arrays whose order PuppetDB leaves unspecified are sorted: the top level when the query has no order,
 * {@code tags}, and the {@code data} of expanded {@code resources}, {@code edges}, {@code facts} and
 * {@code resource_events} (not {@code logs} or {@code metrics}, which keep the order of the report);</li>
 * <li>hashes ({@code hash}, {@code latest_report_hash}, {@code resource}, an event's {@code report}) are kept for the
 * {@link Differ}, which treats them as opaque but consistent; for sorting they count as equal.</li>
 * </ul>
 */
public final class Normaliser {

    public static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    static final Pattern ECHOED_TIMESTAMP = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{2}:\\d{2}");
    public static final Pattern SHA1 = Pattern.compile("[0-9a-f]{40}");
    static final String MASK = "<masked>";

    static final Set<String> RECEIVE_TIMES = Set.of("receive_time", "report_receive_time", "catalog_timestamp",
            "facts_timestamp", "server_time", "expires_facts_updated");
    static final Set<String> HASHES = Set.of("hash", "latest_report_hash", "resource", "report");
    /** Subtrees that hold user data (fact values, parameters, event values): no field there has a meaning. */
    static final Set<String> USER_DATA = Set.of("value", "values", "parameters", "new_value", "old_value",
            "facts", "trusted", "message");
    static final Set<String> ORDERED_DATA_PARENTS = Set.of("logs", "metrics");

    private final List<String> violations = new ArrayList<>();
    private final String side;

    public Normaliser(String side) {
        this.side = side;
    }

    /** Format violations found so far, each naming the side and the JSON path. */
    public List<String> violations() {
        return violations;
    }

    /**
     * A normalised deep copy. {@code ordered}: the request fixed the order of the top-level array. {@code metrics}:
     * a Jolokia answer, whose numbers ({@code num-resources} is an estimate from pg_class) are masked.
     */
    public JsonNode normalise(JsonNode node, boolean ordered, boolean metrics) {
        JsonNode copy = node.deepCopy();
        JsonNode out = walk(copy, "$", null, metrics);
        if (out.isArray() && !ordered) {
            sort((ArrayNode) out);
        }
        return out;
    }

    private JsonNode walk(JsonNode n, String path, String parentKey, boolean maskEstimates) {
        if (n.isObject()) {
            ObjectNode o = (ObjectNode) n;
            boolean factsetLike = o.has("certname") && (o.has("facts") || o.has("trusted"));
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String k : names) {
                JsonNode v = o.get(k);
                String p = path + "." + k;
                if (isTimestampField(k) && v.isTextual()) {
                    checkTimestamp(p, v.asText());
                }
                if (v.isTextual() && (RECEIVE_TIMES.contains(k) || (k.equals("timestamp") && factsetLike))) {
                    o.set(k, TextNode.valueOf("<receive time, form " + form(v.asText()) + ">"));
                } else if (k.equals("timestamp") && v.isNumber()) {
                    o.set(k, TextNode.valueOf(MASK)); // Jolokia's reading time
                } else if (k.equals("uuid") && v.isTextual()) {
                    o.set(k, TextNode.valueOf(MASK));
                } else if (k.equals("href") && v.isTextual()) {
                    String h = v.asText();
                    int i = h.indexOf("/pdb/");
                    o.set(k, TextNode.valueOf(i >= 0 ? h.substring(i) : h));
                } else if (HASHES.contains(k) && v.isTextual()) {
                    if (!SHA1.matcher(v.asText()).matches()) {
                        violations.add(side + " " + p + ": hash is not 40 lower-case hex digits: " + v.asText());
                    }
                } else if (USER_DATA.contains(k) && !maskEstimates) {
                    // leave user data alone
                } else if (maskEstimates && k.equals("Value") && v.isNumber()) {
                    o.set(k, TextNode.valueOf(MASK));
                } else {
                    o.set(k, walk(v, p, k, maskEstimates));
                }
            }
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = (ArrayNode) n;
            for (int i = 0; i < a.size(); i++) {
                a.set(i, walk(a.get(i), path + "[" + i + "]", parentKey, maskEstimates));
            }
            if ("tags".equals(parentKey)) {
                sort(a);
            }
            if ("data".equals(parentKey) && !ORDERED_DATA_PARENTS.contains(lastSegment(path))) {
                sort(a);
            }
            return a;
        }
        return n;
    }

    private static String lastSegment(String path) {
        // path of a data array: $.x.resources.data -> "resources"
        String p = path.endsWith(".data") ? path.substring(0, path.length() - 5) : path;
        int dot = p.lastIndexOf('.');
        String seg = dot >= 0 ? p.substring(dot + 1) : p;
        int br = seg.indexOf('[');
        return br >= 0 ? seg.substring(0, br) : seg;
    }

    static boolean isTimestampField(String k) {
        return k.endsWith("_time") || k.endsWith("timestamp") || k.equals("time") || k.equals("deactivated")
                || k.equals("expired") || k.equals("expires_facts_updated");
    }

    private void checkTimestamp(String path, String value) {
        if (!TIMESTAMP.matcher(value).matches() && !ECHOED_TIMESTAMP.matcher(value).matches()) {
            violations.add(side + " " + path + ": timestamp in neither form PuppetDB answers with "
                    + "(YYYY-MM-DDTHH:MM:SS.sssZ, or an agent's ...sss+HH:MM echoed): " + value);
        }
    }

    /** The value's form: every digit as 9. */
    static String form(String value) {
        return value.replaceAll("[0-9]", "9");
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper SORTED = new com.fasterxml.jackson.databind.ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /**
     * An ordered answer whose order fields tie leaves the order of the tied rows to PostgreSQL on either side:
     * each run of adjacent rows equal on {@code orderFields} is sorted like an unordered array.
     */
    public static void sortTies(JsonNode answer, List<String> orderFields) {
        if (!answer.isArray() || orderFields.isEmpty()) {
            return;
        }
        ArrayNode a = (ArrayNode) answer;
        List<JsonNode> out = new ArrayList<>();
        List<JsonNode> run = new ArrayList<>();
        String runKey = null;
        for (JsonNode row : a) {
            StringBuilder key = new StringBuilder();
            orderFields.forEach(f -> key.append(row.path(f)).append('\u0000'));
            if (runKey != null && !runKey.equals(key.toString())) {
                run.sort(Comparator.comparing(Normaliser::sortKey));
                out.addAll(run);
                run.clear();
            }
            runKey = key.toString();
            run.add(row);
        }
        run.sort(Comparator.comparing(Normaliser::sortKey));
        out.addAll(run);
        a.removeAll();
        out.forEach(a::add);
    }

    static void sort(ArrayNode a) {
        List<JsonNode> items = new ArrayList<>();
        a.forEach(items::add);
        items.sort(Comparator.comparing(Normaliser::sortKey));
        a.removeAll();
        items.forEach(a::add);
    }

    /** Canonical JSON with sorted keys and hashes blanked, so that rows sort alike on both sides. */
    static String sortKey(JsonNode n) {
        try {
            return SORTED.writeValueAsString(SORTED.treeToValue(blankHashes(n.deepCopy()), Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode blankHashes(JsonNode n) {
        if (n.isObject()) {
            ObjectNode o = (ObjectNode) n;
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String k : names) {
                if (HASHES.contains(k) && o.get(k).isTextual()) {
                    o.set(k, TextNode.valueOf("<hash>"));
                } else {
                    o.set(k, blankHashes(o.get(k)));
                }
            }
        } else if (n.isArray()) {
            ArrayNode a = (ArrayNode) n;
            for (int i = 0; i < a.size(); i++) {
                a.set(i, blankHashes(a.get(i)));
            }
        }
        return n;
    }

    static JsonNode text(String s) {
        return JsonNodeFactory.instance.textNode(s);
    }
}
