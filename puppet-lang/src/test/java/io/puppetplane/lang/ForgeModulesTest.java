package io.puppetplane.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.puppetplane.lang.catalog.Catalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Forge modules (src/test/resources/forge/modules.tsv, at pinned commits) compiled with the manifests of
 * src/test/resources/forge/cases, catalog by catalog against Debian's Ruby Puppet run on the same code and facts.
 * The modules are never committed: their git dirs come from the search tool's fetch ($FORGE_MIRROR, else the
 * .mirror beside the checkout, else /work/.mirror) and are extracted here into a temporary directory. Without
 * them, or without Ruby Puppet, the test is skipped and says why.
 */
class ForgeModulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RESOURCES = Path.of("src/test/resources/forge");
    private static final String NODE = "node1.example.com";
    private static final String MODULE_PATHS =
        "^(manifests|lib|templates|files|types|functions|data|hiera.yaml|metadata.json)$";

    @TempDir
    static Path work;

    @TestFactory
    Stream<DynamicTest> forgeModulesCompileLikeRubyPuppet() throws Exception {
        List<String[]> modules = Files.readAllLines(RESOURCES.resolve("modules.tsv")).stream()
            .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t")).toList();
        Path mirror = mirror();
        List<String> missing = new ArrayList<>();
        for (String[] m : modules) {
            Path gitDir = mirror.resolve(m[1].replace('/', '+')).resolve("repo");
            if (run(List.of("git", "--git-dir", gitDir.toString(), "cat-file", "-e", m[3] + "^{commit}"), null) != 0) {
                missing.add(m[1] + "@" + m[2]);
            }
        }
        Assumptions.assumeTrue(missing.isEmpty(), "Forge modules not fetched into " + mirror + " (fetch them with the "
            + "search tool's fetch, or set FORGE_MIRROR): " + missing);
        Assumptions.assumeTrue(run(List.of("puppet", "--version"), null) == 0,
            "Debian's Ruby Puppet (puppet-agent) is not installed: nothing to compare with");
        Path env = work.resolve("code/environments/production");
        Files.createDirectories(env.resolve("manifests"));
        for (String[] m : modules) {
            Path dir = env.resolve("modules").resolve(m[0]);
            Files.createDirectories(dir);
            Path gitDir = mirror.resolve(m[1].replace('/', '+')).resolve("repo");
            // only what a module needs to compile (a snapshot may lack the large blobs of spec fixtures)
            int rc = run(List.of("bash", "-c", "git --git-dir \"$0\" archive \"$1\" -- $(git --git-dir \"$0\" ls-tree"
                + " --name-only \"$1\" | grep -E '" + MODULE_PATHS + "') | tar -x -C \"$2\"",
                gitDir.toString(), m[3], dir.toString()), null);
            assertEquals(0, rc, "extracting " + m[1] + " at " + m[3]);
        }
        Files.createDirectories(work.resolve("yaml/facts"));
        Files.copy(RESOURCES.resolve("facts/" + NODE + ".yaml"), work.resolve("yaml/facts/" + NODE + ".yaml"));
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> cases = Files.list(RESOURCES.resolve("cases"))) {
            for (Path c : cases.sorted().toList()) {
                String name = c.getFileName().toString().replaceFirst("\\.pp$", "");
                tests.add(DynamicTest.dynamicTest(name, () -> checkCase(c, env)));
            }
        }
        return tests.stream();
    }

    private void checkCase(Path manifest, Path env) throws Exception {
        Files.copy(manifest, env.resolve("manifests/site.pp"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path out = work.resolve("ruby.json");
        int rc = run(List.of("puppet", "catalog", "find", NODE, "--terminus", "compiler", "--render-as", "json",
            "--facts_terminus", "yaml", "--clientyamldir", work.resolve("yaml").toString(),
            "--codedir", work.resolve("code").toString(), "--certname", NODE,
            "--confdir", work.resolve("conf").toString(), "--vardir", work.resolve("var").toString(),
            "--logdir", work.resolve("log").toString(), "--color", "false"), out);
        String rubyOut = Files.readString(out, StandardCharsets.UTF_8);
        EnvironmentCompiler compiler = new EnvironmentCompiler(env, EnvironmentCompiler.Options.defaults());
        CompileRequest request = CompileRequest.of(NODE, CorpusTest.readFacts(RESOURCES.resolve("facts/" + NODE + ".yaml")));
        String json = rubyOut.lines().filter(l -> l.startsWith("{")).findFirst().orElse(null);
        if (rc != 0 || json == null) {
            String error = rubyOut.lines().filter(l -> l.startsWith("Error")).findFirst().orElse(rubyOut);
            try {
                compiler.compile(request);
                fail("Ruby Puppet refuses this case, we compiled it: " + error);
            } catch (CompileError e) {
                return; // both refuse; the wording of refusals is checked by the corpus
            }
        }
        Catalog catalog;
        try {
            catalog = compiler.compile(request);
        } catch (CompileError e) {
            fail("Ruby Puppet compiles this, we refused: " + e);
            return;
        }
        JsonNode expected = CorpusTest.normalise(JSON.readTree(json));
        JsonNode actual = CorpusTest.normalise(JSON.readTree(catalog.toJson()));
        String diff = CorpusTest.firstDifference("$", expected, actual);
        if (diff != null) {
            fail("catalog differs from Ruby Puppet's at " + diff);
        }
    }

    private static Path mirror() {
        String env = System.getenv("FORGE_MIRROR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path beside = Path.of("").toAbsolutePath().getParent().getParent().resolve(".mirror");
        return Files.isDirectory(beside) ? beside : Path.of("/work/.mirror");
    }

    /** Runs a command (output to OUT, or discarded), at most 5 minutes; its exit code. */
    private static int run(List<String> command, Path out) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.redirectOutput(out == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(out.toFile()));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return 127; // not installed
        }
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return 124;
        }
        return p.exitValue();
    }
}
