package io.puppetplane.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles corpus cases with Ruby Puppet 8.10 now, in a Debian 13 root ({@code -Dpuppet8.root}, default
 * /var/tmp/trixie-root, run with chroot, so as root), and with puppet-lang as the Puppet 8 language, and compares
 * the whole catalogs or refusals; CorpusTest does the same against the answers stored from an earlier run. By
 * default the cases where Ruby 8.10 answers otherwise than 7.23 or that were written for Puppet 8 (a Ruby process
 * per node costs seconds); {@code -Dpuppet8.cases=all} takes every case (about 15 minutes on 2 cores). Skips, saying
 * why, without the root.
 */
class RubyPuppet8DifferentialTest {

    private static final Path ROOT = Path.of(System.getProperty("puppet8.root", "/var/tmp/trixie-root"));

    @Test
    void compilesCorpusCasesLikeRubyPuppet8(@TempDir Path out) throws Exception {
        assumeTrue(Files.isExecutable(ROOT.resolve("usr/bin/puppet")),
            "no Ruby Puppet 8.10 in " + ROOT + " (-Dpuppet8.root): the Debian 13 root is not there");
        assumeTrue("root".equals(System.getProperty("user.name")), "Ruby Puppet 8.10 runs with chroot, which needs root");

        List<String> cases = selectedCases();
        // regen writes OUT/<case>/expected-puppet8/ where 8.10 answers otherwise than 7.23, and nothing in the corpus
        ProcessBuilder command = new ProcessBuilder(
            Stream.concat(Stream.of("src/test/corpus/regen"), cases.stream()).toList())
            .redirectErrorStream(true).redirectOutput(out.resolve("regen.log").toFile());
        command.environment().put("PUPPET_ROOT", ROOT.toString());
        command.environment().put("OUT", out.resolve("answers").toString());
        Process regen = command.start();
        regen.getOutputStream().close();
        int exit = regen.waitFor();
        assertEquals(0, exit, "Ruby Puppet 8.10's compiles ran: " + Files.readString(out.resolve("regen.log")));

        Map<String, String> known = CorpusTest.knownPuppet8Differences();
        Map<String, String> differing = new TreeMap<>();
        int pairs = 0;
        int staleAnswers = 0;
        for (String name : cases) {
            Path caseDir = CorpusTest.CORPUS.resolve(name);
            List<Path> factFiles;
            try (Stream<Path> files = Files.list(caseDir.resolve("facts"))) {
                factFiles = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            }
            for (Path factFile : factFiles) {
                String node = factFile.getFileName().toString().replaceFirst("\\.yaml$", "");
                pairs++;
                Path fresh = out.resolve("answers").resolve(name).resolve("expected-puppet8");
                Path answers = Files.isRegularFile(fresh.resolve(node + ".json"))
                    || Files.isRegularFile(fresh.resolve(node + ".error")) ? fresh : caseDir.resolve("expected");
                if (!sameAnswer(answers, CorpusTest.expectedDir(caseDir, node, LanguageVersion.PUPPET_8), node)) {
                    staleAnswers++;
                    System.out.println("stored answer is stale (run regen with PUPPET_ROOT): " + name + "/" + node);
                }
                try {
                    CorpusTest.checkCase(caseDir.toAbsolutePath(), node, factFile, LanguageVersion.PUPPET_8, answers);
                } catch (AssertionError e) {
                    differing.put(name + "/" + node, e.getMessage());
                }
            }
        }
        System.out.printf("Ruby Puppet 8.10 against puppet-lang (Puppet 8): %d case/node pairs, %d equal, %d differ"
            + " (%d of them listed in puppet8-known-differences.txt), %d stored answers stale%n", pairs,
            pairs - differing.size(), differing.size(), differing.keySet().stream().filter(known::containsKey).count(),
            staleAnswers);
        differing.forEach((id, why) -> System.out.println("  " + id + (known.containsKey(id) ? " (known)" : "")
            + ": " + why.lines().findFirst().orElse("")));
        List<String> unexpected = differing.keySet().stream().filter(id -> !known.containsKey(id)).toList();
        assertTrue(unexpected.isEmpty(), "differ from Ruby Puppet 8.10 and are not known differences: " + unexpected);
        assertEquals(0, staleAnswers, "the stored expected-puppet8 answers are what Ruby Puppet 8.10 says now");
    }

    private static List<String> selectedCases() throws IOException {
        List<String> all;
        try (Stream<Path> dirs = Files.list(CorpusTest.CORPUS)) {
            all = dirs.filter(d -> Files.isDirectory(d.resolve("facts"))).map(d -> d.getFileName().toString())
                .sorted().toList();
        }
        if ("all".equals(System.getProperty("puppet8.cases"))) {
            return all;
        }
        List<String> chosen = new ArrayList<>();
        for (String c : all) {
            if (c.startsWith("puppet8_") || Files.isDirectory(CorpusTest.CORPUS.resolve(c).resolve("expected-puppet8"))) {
                chosen.add(c);
            }
        }
        return chosen;
    }

    private static boolean sameAnswer(Path fresh, Path stored, String node) throws IOException {
        for (String ext : List.of(".json", ".error")) {
            Path a = fresh.resolve(node + ext);
            Path b = stored.resolve(node + ext);
            if (Files.isRegularFile(a) != Files.isRegularFile(b)) {
                return false;
            }
            if (Files.isRegularFile(a) && !Files.readString(a, StandardCharsets.UTF_8)
                .equals(Files.readString(b, StandardCharsets.UTF_8))) {
                return false;
            }
        }
        return true;
    }
}
