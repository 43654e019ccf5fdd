package io.puppetplane.lang.forge;

import com.fasterxml.jackson.databind.JsonNode;
import io.puppetplane.lang.CatalogComparison;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The first cause of a difference between two catalogs or refusals, worded without the case's particulars (names,
 * numbers, paths), so that the differences one cause makes across many modules fall into one group.
 */
final class DifferenceCause {

    private static final Pattern LOCATION = Pattern.compile("\\s*\\((?:file|line): [^)]*\\)");
    private static final Pattern SINGLE_QUOTED = Pattern.compile("'[^']*'");
    private static final Pattern DOUBLE_QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern REFERENCE = Pattern.compile("\\b([A-Z][A-Za-z0-9_]*(?:::[A-Z][A-Za-z0-9_]*)*)\\[[^\\]]*\\]");
    private static final Pattern NUMBER = Pattern.compile("\\b\\d+(?:\\.\\d+)?\\b");
    private static final Pattern PATH = Pattern.compile("<work>/\\S+");

    private DifferenceCause() {
    }

    /** A message without its quoted values, numbers, paths and locations. */
    static String generalise(String message) {
        String s = message.lines().findFirst().orElse("");
        s = LOCATION.matcher(s).replaceAll("");
        s = PATH.matcher(s).replaceAll("…");
        s = SINGLE_QUOTED.matcher(s).replaceAll("'…'");
        s = DOUBLE_QUOTED.matcher(s).replaceAll("\"…\"");
        s = REFERENCE.matcher(s).replaceAll("$1[…]");
        s = NUMBER.matcher(s).replaceAll("N");
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    /**
     * Where two catalogs first part ways, most telling first: resources one has and the other lacks, then their
     * order, then the first resource whose content differs (type and attribute named, values left out), then edges,
     * classes and tags.
     */
    static String ofCatalogs(JsonNode expected, JsonNode actual) {
        Map<String, JsonNode> ruby = resources(expected);
        Map<String, JsonNode> ours = resources(actual);
        Set<String> missingTypes = new TreeSet<>();
        Set<String> extraTypes = new TreeSet<>();
        ruby.keySet().stream().filter(k -> !ours.containsKey(k)).forEach(k -> missingTypes.add(typeOf(k)));
        ours.keySet().stream().filter(k -> !ruby.containsKey(k)).forEach(k -> extraTypes.add(typeOf(k)));
        if (!missingTypes.isEmpty() || !extraTypes.isEmpty()) {
            List<String> parts = new ArrayList<>();
            if (!missingTypes.isEmpty()) {
                parts.add("missing " + missingTypes);
            }
            if (!extraTypes.isEmpty()) {
                parts.add("extra " + extraTypes);
            }
            return "resources " + String.join(", ", parts);
        }
        for (Map.Entry<String, JsonNode> e : ruby.entrySet()) {
            String d = CatalogComparison.firstDifference("", e.getValue(), ours.get(e.getKey()));
            if (d != null) {
                return "resource " + typeOf(e.getKey()) + ": " + ofDifference(d);
            }
        }
        if (!new ArrayList<>(ruby.keySet()).equals(new ArrayList<>(ours.keySet()))) {
            return "resource order";
        }
        Set<String> rubyEdges = edges(expected);
        Set<String> ourEdges = edges(actual);
        if (!rubyEdges.equals(ourEdges)) {
            Set<String> missing = new TreeSet<>();
            Set<String> extra = new TreeSet<>();
            rubyEdges.stream().filter(x -> !ourEdges.contains(x)).forEach(x -> missing.add(edgeKind(x)));
            ourEdges.stream().filter(x -> !rubyEdges.contains(x)).forEach(x -> extra.add(edgeKind(x)));
            return "edges" + (missing.isEmpty() ? "" : " missing " + missing) + (extra.isEmpty() ? "" : " extra " + extra);
        }
        String d = CatalogComparison.firstDifference("$", expected, actual);
        return d == null ? "none" : ofDifference(d);
    }

    /** A first-difference path with indexes, titles and values left out. */
    static String ofDifference(String diff) {
        int colon = diff.indexOf(": ");
        String path = colon < 0 ? diff : diff.substring(0, colon);
        String what = colon < 0 ? "" : diff.substring(colon + 2);
        path = path.replaceAll("\\[\\d+\\]", "[]").replaceAll("\\(([A-Za-z0-9_:]+)\\[.*?\\]\\)", "($1)");
        String kind = what.startsWith("missing") ? "missing" : what.startsWith("unexpected") ? "unexpected"
            : what.startsWith("key order") ? "key order" : "differs";
        if (kind.equals("differs")) {
            kind = valueKind(what);
        }
        return path + ": " + kind;
    }

    /** "differs", or what kind of value each side has when the kinds differ (string vs number, ...). */
    private static String valueKind(String what) {
        int but = what.indexOf(" but was ");
        if (!what.startsWith("expected ") || but < 0) {
            return "differs";
        }
        String e = kindOf(what.substring("expected ".length(), but));
        String a = kindOf(what.substring(but + " but was ".length()));
        return e.equals(a) ? e + " differs" : e + " expected, " + a + " given";
    }

    private static String kindOf(String json) {
        String s = json.strip();
        if (s.startsWith("\"")) {
            return "string";
        }
        if (s.startsWith("[")) {
            return "array";
        }
        if (s.startsWith("{")) {
            return "hash";
        }
        if (s.equals("true") || s.equals("false")) {
            return "boolean";
        }
        if (s.equals("null")) {
            return "null";
        }
        return "number";
    }

    private static Map<String, JsonNode> resources(JsonNode catalog) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode r : catalog.path("resources")) {
            out.put(r.path("type").asText() + "[" + r.path("title").asText() + "]", r);
        }
        return out;
    }

    private static String typeOf(String ref) {
        return ref.substring(0, ref.indexOf('['));
    }

    private static Set<String> edges(JsonNode catalog) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode e : catalog.path("edges")) {
            out.add(e.path("source").asText() + " -> " + e.path("target").asText());
        }
        return out;
    }

    private static String edgeKind(String edge) {
        String[] ends = edge.split(" -> ");
        return typeOf(ends[0]) + "->" + typeOf(ends[1]);
    }
}
