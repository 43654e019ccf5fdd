package io.puppetplane.lang.parser;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puppetplane.lang.CompileError;
import io.puppetplane.lang.CompileRequest;
import io.puppetplane.lang.EnvironmentCompiler;
import io.puppetplane.lang.lexer.SyntaxError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * Random and hostile input never makes the parser or the compiler throw anything but their own errors, and
 * never hangs. The timeout is a hang guard only (a generous bound per input), not a performance assertion.
 */
class ParserFuzzTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    private static final List<String> FRAGMENTS = List.of("class", "define", "node", "if", "else", "elsif",
        "unless", "case", "default", "$x", "$::y", "$a::b", "=", "==", "=>", "+>", "->", "~>", "<-", "<~", "<|", "|>",
        "<<|", "|>>", "{", "}", "[", "]", "(", ")", ",", ";", ":", "::", "@", "@@", "'s'", "\"d${x}\"", "\"${",
        "@(EOT)", "EOT", "| EOT", "/re/", "File", "file", "notify", "include", "foo::bar", "1", "0x1f", "1.5e3",
        "-", "+", "*", "/", "%", "!", "?", "|", "in", "and", "or", "=~", "!~", "<<", ">>", "\n", " ", "#c\n",
        "/*", "*/", "true", "undef", "each", ".", "Integer[1,2]", "function", "type", "inherits", "\\", "'", "/(/",
        "=~ /[/", "$x =~ '('", "Integer('zz')", "\u216C", "\u0663", "Ä", "é", "[1][5]", "{a=>1}['b']", "1 / 0", "9223372036854775807 + 1");

    @Provide
    Arbitrary<String> tokenSoup() {
        return Arbitraries.of(FRAGMENTS).list().ofMaxSize(60).map(l -> String.join(" ", l));
    }

    @Property(tries = 250)
    void parserOnlyThrowsSyntaxErrors(@ForAll("tokenSoup") String source) {
        assertTimeoutPreemptively(HANG_GUARD, () -> parseOrSyntaxError(source));
    }

    @Property(tries = 200)
    void parserSurvivesArbitraryText(@ForAll @StringLength(max = 300) String source) {
        assertTimeoutPreemptively(HANG_GUARD, () -> parseOrSyntaxError(source));
    }

    @Property(tries = 30)
    void deeplyNestedInputIsRefusedNotCrashed(@ForAll("nesting") String source) {
        assertTimeoutPreemptively(HANG_GUARD, () -> parseOrSyntaxError(source));
    }

    @Provide
    Arbitrary<String> nesting() {
        return Arbitraries.integers().between(100, 20000).flatMap(n -> Arbitraries.of("(", "[", "{", "!", "-",
            "$a ? {1 => ", "if $x {").map(open -> open.repeat(n)));
    }

    @Property(tries = 100)
    void compilerOnlyThrowsCompileErrors(@ForAll("tokenSoup") String source) throws IOException {
        Path dir = Files.createTempDirectory("fuzz");
        try {
            Path manifests = Files.createDirectories(dir.resolve("environments/production/manifests"));
            Files.writeString(manifests.resolve("site.pp"), source);
            EnvironmentCompiler compiler = new EnvironmentCompiler(dir.resolve("environments/production"),
                EnvironmentCompiler.Options.defaults());
            assertTimeoutPreemptively(HANG_GUARD, () -> {
                try {
                    compiler.compile(CompileRequest.of("fuzz.example.com", Map.of("role", "nc")));
                } catch (CompileError e) {
                    assertTrue(e.toString().contains(": "), "located message: " + e);
                    assertTrue(!e.getMessage().startsWith("Internal compiler error"), "a defect surfaced: " + e);
                }
            });
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void parseOrSyntaxError(String source) {
        try {
            Parser.parse(source, "fuzz.pp", false);
        } catch (SyntaxError e) {
            // Ruby Puppet places no line at the end of input, nor on the count of several validation errors
            boolean unplaced = e.getMessage().equals("Syntax error at end of input")
                || e.getMessage().endsWith("errors. Giving up");
            assertTrue(unplaced || e.line() >= 1 && e.column() >= 0, "position of " + e.getMessage());
        }
    }
}
