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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compiles every corpus case with every fact set and compares the WHOLE catalog with the one Ruby Puppet
 * produced (expected/NODE.json), or the refusal with Ruby Puppet's (expected/NODE.error). Regenerate the
 * expectations with src/test/corpus/regen.
 */
class CorpusTest {

    static final Path CORPUS = Path.of("src/test/resources/corpus");
    private static final ObjectMapper JSON = new ObjectMapper();

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

    private void checkCase(Path caseDir, String node, Path factFile) throws IOException {
        Path expectedJson = caseDir.resolve("expected/" + node + ".json");
        Path expectedError = caseDir.resolve("expected/" + node + ".error");
        String env = Files.isRegularFile(caseDir.resolve("environment-" + node))
            ? Files.readString(caseDir.resolve("environment-" + node)).strip() : "production";
        boolean legacy = Files.isRegularFile(caseDir.resolve("legacy-names"));
        Path codedir = caseDir.toAbsolutePath();
        EnvironmentCompiler compiler = new EnvironmentCompiler(codedir.resolve("environments/" + env),
            new EnvironmentCompiler.Options(legacy));
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
        JsonNode actual = CatalogComparison.normalise(JSON.readTree(catalog.toJson().replace(codedir.toString(), "<codedir>")));
        String diff = CatalogComparison.firstDifference("$", expected, actual);
        if (diff != null) {
            fail("catalog differs from Ruby Puppet's at " + diff);
        }
    }
}
