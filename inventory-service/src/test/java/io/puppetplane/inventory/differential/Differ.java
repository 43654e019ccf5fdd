package io.puppetplane.inventory.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares two normalised answers field by field and row by row. Hash fields are opaque: any two values are accepted
 * as long as the mapping reference-hash to candidate-hash stays one-to-one across the whole run (the same report
 * hash in nodes.latest_report_hash, reports.hash and events.report on each side).
 */
public final class Differ {

    private final Map<String, String> refToCand = new HashMap<>();
    private final Map<String, String> candToRef = new HashMap<>();

    /** Differences between the two trees, each "path: reference … / candidate …". */
    public List<String> diff(JsonNode ref, JsonNode cand) {
        List<String> out = new ArrayList<>();
        walk("$", null, ref, cand, out);
        return out;
    }

    private void walk(String path, String key, JsonNode a, JsonNode b, List<String> out) {
        if (a == null || b == null) {
            if (a != b) {
                out.add(path + ": reference " + show(a) + " / candidate " + show(b));
            }
            return;
        }
        if (key != null && Normaliser.HASHES.contains(key) && a.isTextual() && b.isTextual()) {
            hashPair(path, a.asText(), b.asText(), out);
            return;
        }
        if (a.getNodeType() != b.getNodeType()) {
            out.add(path + ": reference " + a.getNodeType() + " " + show(a) + " / candidate " + b.getNodeType()
                    + " " + show(b));
            return;
        }
        if (a.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                if (!a.has(k)) {
                    out.add(path + "." + k + ": only the candidate has this field: " + show(b.get(k)));
                } else if (!b.has(k)) {
                    out.add(path + "." + k + ": the candidate lacks this field (reference " + show(a.get(k)) + ")");
                } else {
                    walk(path + "." + k, k, a.get(k), b.get(k), out);
                }
            }
        } else if (a.isArray()) {
            if (a.size() != b.size()) {
                out.add(path + ": reference has " + a.size() + " elements, candidate " + b.size()
                        + "; reference " + show(a) + " / candidate " + show(b));
                return;
            }
            for (int i = 0; i < a.size(); i++) {
                walk(path + "[" + i + "]", key, a.get(i), b.get(i), out);
            }
        } else if (a.isNumber() && b.isNumber()) {
            if (a.decimalValue().compareTo(b.decimalValue()) != 0 || a.isIntegralNumber() != b.isIntegralNumber()) {
                out.add(path + ": reference " + a + " / candidate " + b);
            }
        } else if (!a.equals(b)) {
            out.add(path + ": reference " + show(a) + " / candidate " + show(b));
        }
    }

    private void hashPair(String path, String ref, String cand, List<String> out) {
        String seen = refToCand.putIfAbsent(ref, cand);
        if (seen != null && !seen.equals(cand)) {
            out.add(path + ": reference hash " + ref + " was candidate " + seen + " before, now " + cand);
        }
        String back = candToRef.putIfAbsent(cand, ref);
        if (back != null && !back.equals(ref)) {
            out.add(path + ": candidate hash " + cand + " stands for reference " + back + " and " + ref);
        }
    }

    static String show(JsonNode n) {
        if (n == null) {
            return "<absent>";
        }
        String s = n.toString();
        return s.length() > 300 ? s.substring(0, 300) + "…(" + s.length() + " chars)" : s;
    }

    /** How many distinct hashes were paired (for the summary). */
    public int hashesPaired() {
        return refToCand.size();
    }

    static boolean same(Object a, Object b) {
        return Objects.equals(a, b);
    }
}
