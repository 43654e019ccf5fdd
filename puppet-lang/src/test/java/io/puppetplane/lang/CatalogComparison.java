package io.puppetplane.lang;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * Comparing our catalogs and refusals with Ruby Puppet's: fact files in Puppet's yaml terminus format, the parts of
 * a catalog that differ on every compile, the first difference of two catalogs, and a refusal as Ruby words it.
 */
public final class CatalogComparison {

    private static final Pattern RUBY_PREFIX = Pattern.compile(
        "^(?:Error: )?(?:Could not parse for environment [^:]+: )?(?:Evaluation Error: )?"
            + "(?:Error while evaluating a [^,]+?, )?");
    /** MESSAGE (file: F[, line: L[, column: C]]) */
    private static final Pattern LOCATED = Pattern.compile(
        "^(.*?) \\(file: ([^,)]+)(?:, line: (\\d+))?(?:, column: (\\d+))?\\)$", Pattern.DOTALL);
    /** MESSAGE (file: F, line: L) on REF (file: F, line: L), as Ruby Puppet reports invalid parameters */
    private static final Pattern ON_RESOURCE = Pattern.compile(
        "^(.*?) \\(file: ([^,)]+), line: (\\d+)\\) on (\\S+\\[.*\\]) \\(file: [^)]*\\)$", Pattern.DOTALL);

    /** " (file: F, line: L)" after another location ends a wrapped error: where the declaration was */
    private static final Pattern OUTER_LOCATION = Pattern.compile(
        "(?<=\\)) \\(file: [^,)]+(?:, line: \\d+)?(?:, column: \\d+)?\\)$");

    private CatalogComparison() {
    }

    /** Reads a fact set in Puppet's yaml facts terminus format. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readFacts(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).replaceFirst("(?m)^--- !ruby/object:\\S+", "---");
        Map<String, Object> doc = new Yaml().load(text);
        return CompileRequestFacts.normalise((Map<String, Object>) doc.get("values"));
    }

    public static JsonNode normalise(JsonNode catalog) {
        ObjectNode o = (ObjectNode) catalog;
        o.put("version", 0);
        o.put("catalog_uuid", "00000000-0000-0000-0000-000000000000");
        o.putNull("code_id");
        return o;
    }

    /**
     * A refusal as Ruby Puppet reported it. Parts Ruby Puppet leaves out are null and not compared; a line
     * without a column means column 0 (errors located at a resource, not an expression).
     */
    public record RubyError(String file, Integer line, Integer column, String message) {
    }

    public static RubyError rubyError(String text) {
        String rest = unwrap(RUBY_PREFIX.matcher(text).replaceFirst(""));
        Matcher on = ON_RESOURCE.matcher(rest);
        if (on.matches()) {
            return new RubyError(on.group(2), Integer.parseInt(on.group(3)), 0, on.group(1) + " on " + on.group(4));
        }
        Matcher m = LOCATED.matcher(rest);
        if (!m.matches()) {
            return new RubyError(null, null, null, rest);
        }
        Integer line = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        Integer column = m.group(4) != null ? Integer.valueOf(m.group(4)) : (line == null ? null : 0);
        return new RubyError(m.group(2), line, column, m.group(1));
    }

    /**
     * An error raised inside a resource statement (a define's or class's body, evaluated for a declaration elsewhere)
     * reaches Ruby's user wrapped: "Evaluation Error: INNER (file: inner location) (file: the declaration)". The
     * inner error, at its own location, is the refusal; the wrapper only adds where it was declared.
     */
    private static String unwrap(String message) {
        String rest = message;
        while (rest.startsWith("Evaluation Error: ")) {
            Matcher outer = OUTER_LOCATION.matcher(rest);
            if (!outer.find()) {
                break;
            }
            rest = RUBY_PREFIX.matcher(rest.substring(0, outer.start())).replaceFirst("");
        }
        return rest;
    }

    /** The path of the first difference with both values, or null when equal (order matters everywhere). */
    public static String firstDifference(String path, JsonNode e, JsonNode a) {
        if (e.getNodeType() != a.getNodeType()) {
            return path + ": expected " + e + " but was " + a;
        }
        if (e.isObject()) {
            List<String> ek = new ArrayList<>();
            e.fieldNames().forEachRemaining(ek::add);
            List<String> ak = new ArrayList<>();
            a.fieldNames().forEachRemaining(ak::add);
            for (String k : ek) {
                if (!a.has(k)) {
                    return path + "." + k + ": missing, expected " + e.get(k);
                }
                String d = firstDifference(path + "." + k, e.get(k), a.get(k));
                if (d != null) {
                    return d;
                }
            }
            for (String k : ak) {
                if (!e.has(k)) {
                    return path + "." + k + ": unexpected " + a.get(k);
                }
            }
            if (!ek.equals(ak)) {
                return path + ": key order expected " + ek + " but was " + ak;
            }
            return null;
        }
        if (e.isArray()) {
            Iterator<JsonNode> ei = e.elements();
            Iterator<JsonNode> ai = a.elements();
            int i = 0;
            while (ei.hasNext() && ai.hasNext()) {
                JsonNode en = ei.next();
                JsonNode an = ai.next();
                String d = firstDifference(path + "[" + i + "]" + label(en), en, an);
                if (d != null) {
                    return d;
                }
                i++;
            }
            if (ei.hasNext()) {
                return path + "[" + i + "]: missing, expected " + ei.next();
            }
            if (ai.hasNext()) {
                return path + "[" + i + "]: unexpected " + ai.next();
            }
            return null;
        }
        return e.equals(a) ? null : path + ": expected " + e + " but was " + a;
    }

    private static String label(JsonNode n) {
        if (n.isObject() && n.has("type") && n.has("title")) {
            return "(" + n.get("type").asText() + "[" + n.get("title").asText() + "])";
        }
        return "";
    }
}
