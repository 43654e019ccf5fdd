package io.puppetplane.lang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileCatalogCommandTest {

    static final Path EXAMPLE = Path.of("src/test/resources/corpus/example_site");

    record Result(int status, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CompileCatalogCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsTheCatalogOfTheExampleSiteForAnNcNode() throws IOException {
        Result r = run("--codedir", EXAMPLE.toString(), "--facts",
            EXAMPLE.resolve("facts/nc-1.example.com.yaml").toString(), "nc-1.example.com");
        assertEquals(0, r.status(), "exit status; stderr: " + r.err());
        JsonNode catalog = new ObjectMapper().readTree(r.out());
        assertEquals("nc-1.example.com", catalog.get("name").asText(), "catalog name");
        assertTrue(r.out().contains("\"Service\",\"title\":\"eucalyptus-nc\""), "nc role gives the nc service");
    }

    @Test
    void readsFactsFromPlainJson(@TempDir Path tmp) throws IOException {
        Path facts = tmp.resolve("facts.json");
        Files.writeString(facts, "{\"role\":\"cc\",\"networking\":{\"ip\":\"10.1.1.1\"}}");
        Result r = run("--codedir", EXAMPLE.toString(), "--facts", facts.toString(), "cc-9.example.com");
        assertEquals(0, r.status(), "exit status; stderr: " + r.err());
        assertTrue(r.out().contains("--register-nodes 10.1.1.1"), "fact used in the exec command: " + r.out());
    }

    @Test
    void compileErrorPrintsFileLineColumnAndExitsOne(@TempDir Path tmp) throws IOException {
        Path manifests = Files.createDirectories(tmp.resolve("environments/production/manifests"));
        Files.writeString(manifests.resolve("site.pp"), "notify { 'a': }\n$x = nosuch(1)\n");
        Path facts = tmp.resolve("facts.yaml");
        Files.writeString(facts, "role: nc\n");
        Result r = run("--codedir", tmp.toString(), "--facts", facts.toString(), "n1");
        assertEquals(1, r.status(), "exit status");
        assertEquals(manifests.resolve("site.pp").toAbsolutePath() + ":2:6: Unknown function: 'nosuch'.",
            r.err().strip(), "error line");
        assertEquals("", r.out(), "nothing on stdout");
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run().status(), "no arguments");
        assertEquals(2, run("--codedir").status(), "missing value");
        assertEquals(2, run("--codedir", "/nonexistent", "--facts", "x", "n").status(), "no environment");
        assertEquals(2, run("--bogus", "n").status(), "unknown option");
        assertEquals(2, run("--codedir", EXAMPLE.toString(), "--facts", "/nonexistent.yaml", "n").status(),
            "unreadable facts");
    }

    @Test
    void scriptRunsTheCommandWithItsExitStatus(@TempDir Path tmp) throws Exception {
        Path facts = tmp.resolve("facts.yaml");
        Files.writeString(facts, "role: nc\nnetworking:\n  ip: 10.0.0.5\n");
        List<String> cmd = new ArrayList<>(List.of("bin/compile-catalog", "--codedir", EXAMPLE.toString(),
            "--facts", facts.toString(), "nc-2.example.com"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("PUPPET_LANG_CLASSPATH", System.getProperty("java.class.path"));
        pb.redirectError(tmp.resolve("err").toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "script finished");
        assertEquals(0, p.exitValue(), "exit status; stderr: " + Files.readString(tmp.resolve("err")));
        assertTrue(out.startsWith("{\"tags\":"), "catalog JSON on stdout");

        ProcessBuilder badPb = new ProcessBuilder("bin/compile-catalog", "--nonsense").redirectErrorStream(true);
        badPb.environment().put("PUPPET_LANG_CLASSPATH", System.getProperty("java.class.path"));
        Process bad = badPb.start();
        bad.getInputStream().readAllBytes();
        assertTrue(bad.waitFor(60, TimeUnit.SECONDS), "script finished");
        assertEquals(2, bad.exitValue(), "usage error status");
    }
}
