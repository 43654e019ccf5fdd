package io.puppetplane.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.puppetplane.lang.catalog.Catalog;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * Compiles every corpus case with every fact set and compares the WHOLE catalog with the one Ruby Puppet
 * produced (expected/NODE.json), or the refusal with Ruby Puppet's (expected/NODE.error). Regenerate the
 * expectations with src/test/corpus/regen.
 */
class CorpusTest {

    static final Path CORPUS = Path.of("src/test/resources/corpus");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RUBY_PREFIX = Pattern.compile(
        "^Error: (?:Could not parse for environment [^:]+: )?(?:Evaluation Error: )?"
            + "(?:Error while evaluating a [^,]+?, )?");
    /** MESSAGE (file: F[, line: L[, column: C]]) */
    private static final Pattern LOCATED = Pattern.compile(
        "^(.*?) \\(file: ([^,)]+)(?:, line: (\\d+))?(?:, column: (\\d+))?\\)$", Pattern.DOTALL);
    /** MESSAGE (file: F, line: L) on REF (file: F, line: L), as Ruby Puppet reports invalid parameters */
    private static final Pattern ON_RESOURCE = Pattern.compile(
        "^(.*?) \\(file: ([^,)]+), line: (\\d+)\\) on (\\S+\\[.*\\]) \\(file: [^)]*\\)$", Pattern.DOTALL);

    @TestFactory
    Stream<DynamicTest> compilesLikeRubyPuppet() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> cases = Files.list(CORPUS)) {
            for (Path caseDir : cases.filter(Files::isDirectory).sorted().toList()) {
                Path facts = caseDir.resolve("facts");
                if (!Files.isDirectory(facts)) {
                    continue;
                }
                try (Stream<Path> sets = Files.list(facts)) {
                    for (Path factFile : sets.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                        String node = factFile.getFileName().toString().replaceFirst("\\.yaml$", "");
                        tests.add(DynamicTest.dynamicTest(caseDir.getFileName() + "/" + node,
                            () -> checkCase(caseDir, node, factFile)));
                    }
                }
            }
        }
        return tests.stream();
    }

    /** Reads a fact set in Puppet's yaml facts terminus format. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> readFacts(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).replaceFirst("^--- !ruby/object:\\S+", "---");
        Map<String, Object> doc = new Yaml().load(text);
        return CompileRequestFacts.normalise((Map<String, Object>) doc.get("values"));
    }

    private void checkCase(Path caseDir, String node, Path factFile) throws IOException {
        Path expectedJson = caseDir.resolve("expected/" + node + ".json");
        Path expectedError = caseDir.resolve("expected/" + node + ".error");
        String env = Files.isRegularFile(caseDir.resolve("environment-" + node))
            ? Files.readString(caseDir.resolve("environment-" + node)).strip() : "production";
        boolean legacy = Files.isRegularFile(caseDir.resolve("legacy-names"));
        Path codedir = caseDir.toAbsolutePath();
        EnvironmentCompiler compiler = new EnvironmentCompiler(codedir.resolve("environments/" + env),
            new EnvironmentCompiler.Options(legacy));
        CompileRequest request = CompileRequest.of(node, readFacts(factFile));
        if (Files.isRegularFile(expectedError)) {
            RubyError expected = rubyError(Files.readString(expectedError).strip());
            try {
                Catalog c = compiler.compile(request);
                fail("expected the refusal\n  " + expected + "\nbut compiled " + c.resources().size() + " resources");
            } catch (CompileError e) {
                String file = e.file().replace(codedir.toString(), "<codedir>");
                RubyError actual = new RubyError(expected.file() == null ? null : file,
                    expected.line() == null ? null : e.line(), expected.column() == null ? null : e.column(),
                    e.getMessage().replace(codedir.toString(), "<codedir>"));
                assertEquals(expected, actual, "refusal differs from Ruby Puppet's (ours: " + e + ")");
            }
            return;
        }
        if (!Files.isRegularFile(expectedJson)) {
            fail("no expected/" + node + ".json or .error: run src/test/corpus/regen " + caseDir.getFileName());
        }
        JsonNode expected = JSON.readTree(expectedJson.toFile());
        Catalog catalog;
        try {
            catalog = compiler.compile(request);
        } catch (CompileError e) {
            fail("Ruby Puppet compiles this, we refused: " + e.toString().replace(codedir.toString(), "<codedir>"));
            return;
        }
        JsonNode actual = normalise(JSON.readTree(catalog.toJson().replace(codedir.toString(), "<codedir>")));
        String diff = firstDifference("$", expected, actual);
        if (diff != null) {
            fail("catalog differs from Ruby Puppet's at " + diff);
        }
    }

    static JsonNode normalise(JsonNode catalog) {
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
    record RubyError(String file, Integer line, Integer column, String message) {
    }

    static RubyError rubyError(String text) {
        String rest = RUBY_PREFIX.matcher(text).replaceFirst("");
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

    /** The path of the first difference with both values, or null when equal (order matters everywhere). */
    static String firstDifference(String path, JsonNode e, JsonNode a) {
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
