package io.puppetplane.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.puppetplane.lang.catalog.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compiles every corpus case with every fact set and compares the WHOLE catalog with the one Ruby Puppet
 * produced (expected/NODE.json), or the refusal with Ruby Puppet's (expected/NODE.error): once with the Puppet 7
 * language against Ruby Puppet 7.23's (expected/), once with the Puppet 8 language against Ruby Puppet 8.10's
 * (expected-puppet8/ where 8.10 answers otherwise than 7.23, else expected/). Regenerate the expectations with
 * src/test/corpus/regen (PUPPET_ROOT=... for 8.10's).
 */
class CorpusTest {

    static final Path CORPUS = Path.of("src/test/resources/corpus");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> compilesLikeRubyPuppet7() throws IOException {
        return cases(LanguageVersion.PUPPET_7);
    }

    @TestFactory
    Stream<DynamicTest> compilesLikeRubyPuppet8() throws IOException {
        return cases(LanguageVersion.PUPPET_8);
    }

    /** CASE/NODE -> why, of the cases whose Puppet 8 answer still differs from Ruby Puppet 8.10's. */
    static Map<String, String> knownPuppet8Differences() throws IOException {
        Map<String, String> known = new LinkedHashMap<>();
        for (String line : Files.readAllLines(CORPUS.resolve("puppet8-known-differences.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] parts = line.split("\t", 2);
                known.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return known;
    }

    private Stream<DynamicTest> cases(LanguageVersion language) throws IOException {
        Map<String, String> known = language == LanguageVersion.PUPPET_8 ? knownPuppet8Differences() : Map.of();
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
                            () -> {
                                String id = caseDir.getFileName() + "/" + node;
                                if (!known.containsKey(id)) {
                                    checkCase(caseDir, node, factFile, language);
                                    return;
                                }
                                try {
                                    checkCase(caseDir, node, factFile, language);
                                } catch (AssertionError stillDiffers) {
                                    return; // as listed: known.get(id) says why
                                }
                                fail(id + " now equals Ruby Puppet 8.10's answer: take it out of"
                                    + " puppet8-known-differences.txt");
                            }));
                    }
                }
            }
        }
        return tests.stream();
    }

    /** Where Ruby's answer for LANGUAGE is: Puppet 8.10's own only where it differs from 7.23's. */
    static Path expectedDir(Path caseDir, String node, LanguageVersion language) {
        Path puppet8 = caseDir.resolve("expected-puppet8");
        if (language == LanguageVersion.PUPPET_8 && (Files.isRegularFile(puppet8.resolve(node + ".json"))
            || Files.isRegularFile(puppet8.resolve(node + ".error")))) {
            return puppet8;
        }
        return caseDir.resolve("expected");
    }

    private void checkCase(Path caseDir, String node, Path factFile, LanguageVersion language) throws IOException {
        checkCase(caseDir, node, factFile, language, expectedDir(caseDir, node, language));
    }

    /** Compiles CASE_DIR for NODE as LANGUAGE and compares with Ruby's answer in ANSWERS (NODE.json or NODE.error). */
    static void checkCase(Path caseDir, String node, Path factFile, LanguageVersion language, Path answers)
        throws IOException {
        Path expectedJson = answers.resolve(node + ".json");
        Path expectedError = answers.resolve(node + ".error");
        String env = Files.isRegularFile(caseDir.resolve("environment-" + node))
            ? Files.readString(caseDir.resolve("environment-" + node)).strip() : "production";
        boolean legacy = Files.isRegularFile(caseDir.resolve("legacy-names"));
        Path codedir = caseDir.toAbsolutePath();
        EnvironmentCompiler compiler = new EnvironmentCompiler(codedir.resolve("environments/" + env),
            new EnvironmentCompiler.Options(legacy).withLanguage(language));
        CompileRequest request = CompileRequest.of(node, CatalogComparison.readFacts(factFile));
        if (Files.isRegularFile(expectedError)) {
            CatalogComparison.RubyError expected = CatalogComparison.rubyError(Files.readString(expectedError).strip());
            try {
                Catalog c = compiler.compile(request);
                fail("expected the refusal\n  " + expected + "\nbut compiled " + c.resources().size() + " resources");
            } catch (CompileError e) {
                String file = e.file().replace(codedir.toString(), "<codedir>");
                CatalogComparison.RubyError actual = new CatalogComparison.RubyError(expected.file() == null ? null : file,
                    expected.line() == null ? null : e.line(), expected.column() == null ? null : e.column(),
                    e.getMessage().replace(codedir.toString(), "<codedir>"));
                assertEquals(expected, actual, "refusal differs from Ruby Puppet's (ours: " + e + ")");
            }
            return;
        }
        if (!Files.isRegularFile(expectedJson)) {
            fail("no " + answers + "/" + node + ".json or .error: run src/test/corpus/regen " + caseDir.getFileName());
        }
        JsonNode expectedCatalog = JSON.readTree(expectedJson.toFile());
        Catalog catalog;
        try {
            catalog = compiler.compile(request);
        } catch (CompileError e) {
            fail("Ruby Puppet compiles this, we refused: " + e.toString().replace(codedir.toString(), "<codedir>"));
            return;
        }
        JsonNode actual = CatalogComparison.normalise(JSON.readTree(catalog.toJson().replace(codedir.toString(), "<codedir>")));
        String diff = CatalogComparison.firstDifference("$", expectedCatalog, actual);
        if (diff != null) {
            fail("catalog differs from Ruby Puppet's at " + diff);
        }
    }
}
