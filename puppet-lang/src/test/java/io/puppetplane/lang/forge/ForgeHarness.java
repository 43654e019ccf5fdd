package io.puppetplane.lang.forge;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.puppetplane.lang.CatalogComparison;
import io.puppetplane.lang.CompileError;
import io.puppetplane.lang.CompileRequest;
import io.puppetplane.lang.EnvironmentCompiler;
import io.puppetplane.lang.LanguageVersion;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * puppet-lang's side of the Forge harness (src/test/forge/harness/run): compiles every case of WORK/cases.tsv (a
 * module's example as the site manifest over the fetched modules, or a roles-and-profiles site as an environment) on
 * every fact set, compares each catalog (or refusal) whole with the one Ruby Puppet wrote to WORK/ruby, and prints a
 * table per module and the differences grouped by their first cause. Every difference is also written in full to
 * OUT/differences/MODULE/CASE.NODE.txt, and the summary to OUT/report.txt (OUT: WORK unless {@code --out DIR}, so
 * that several checkouts can compare against one set of Ruby's outputs).
 *
 * <p>Usage: {@code ForgeHarness WORK FACTS_DIR [--out DIR] [MODULE[/CASE]...]} (no filter: every case).
 */
public final class ForgeHarness {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXAMPLES_PER_CAUSE = 3;

    /** How one catalog compared. */
    enum Outcome { EQUAL, BOTH_REFUSE, DIFFER, NO_REFERENCE }

    record Result(String module, String caseId, String node, Outcome outcome, String cause, String detail) {
    }

    private final Path work;
    private Path outDir;
    private final Map<String, Map<String, Object>> facts = new TreeMap<>();
    private final Map<String, Object> serverFacts;
    private final EnvironmentCompiler compiler;
    private final EnvironmentCompiler.Options options;
    /** Each roles-and-profiles site is an environment of its own (WORK/environments/SITE), with its own Hiera. */
    private final Map<String, EnvironmentCompiler> sites = new java.util.concurrent.ConcurrentHashMap<>();

    ForgeHarness(Path work, Path factsDir) throws IOException {
        this.work = work.toAbsolutePath().normalize();
        this.outDir = this.work;
        try (Stream<Path> files = Files.list(factsDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                facts.put(f.getFileName().toString().replaceFirst("\\.yaml$", ""), CatalogComparison.readFacts(f));
            }
        }
        Path serverFactsFile = this.work.resolve("server_facts.json");
        serverFacts = Files.isRegularFile(serverFactsFile)
            ? JSON.readValue(serverFactsFile.toFile(), new TypeReference<Map<String, Object>>() { })
            : Map.of();
        // the server settings Ruby's compiler gave code ($settings::confdir, ...), so both compile with the same
        Path settingsFile = this.work.resolve("settings.json");
        Map<String, Object> settings = Files.isRegularFile(settingsFile)
            ? new ObjectMapper().enable(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
                .readValue(settingsFile.toFile(), new TypeReference<Map<String, Object>>() { })
            : Map.of();
        // the references are Ruby Puppet 7.23's, so the modules are compiled as the Puppet 7 language
        options = EnvironmentCompiler.Options.defaults().withSettings(settings).withLanguage(LanguageVersion.PUPPET_7);
        // one environment whose modulepath is the fetched modules; each case is compiled as its site manifest
        Path env = Files.createTempDirectory("forge-harness").resolve("environments/production");
        Files.createDirectories(env);
        Files.writeString(env.resolve("environment.conf"), "modulepath = " + this.work.resolve("modules") + "\n");
        compiler = new EnvironmentCompiler(env, options);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ForgeHarness WORK FACTS_DIR [--out DIR] [MODULE[/CASE]...]");
            System.exit(2);
        }
        ForgeHarness harness = new ForgeHarness(Path.of(args[0]), Path.of(args[1]));
        List<String> filters = new ArrayList<>(List.of(args).subList(2, args.length));
        int outFlag = filters.indexOf("--out");
        if (outFlag >= 0 && outFlag + 1 < filters.size()) {
            harness.outDir = Path.of(filters.get(outFlag + 1)).toAbsolutePath();
            filters.subList(outFlag, outFlag + 2).clear();
        }
        Files.createDirectories(harness.outDir);
        List<Result> results = harness.run(filters);
        harness.report(results, System.out);
        try (PrintStream out = new PrintStream(Files.newOutputStream(harness.outDir.resolve("report.txt")), true,
            StandardCharsets.UTF_8)) {
            harness.report(results, out);
        }
        harness.compiler.close();
        harness.sites.values().forEach(EnvironmentCompiler::close);
        System.exit(0);
    }

    List<Result> run(List<String> filters) throws Exception {
        List<String[]> cases = new ArrayList<>();
        for (String line : Files.readAllLines(work.resolve("cases.tsv"))) {
            String[] c = line.split("\t");
            if (c.length >= 2 && (filters.isEmpty() || filters.contains(c[0]) || filters.contains(c[0] + "/" + c[1]))) {
                cases.add(c);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Integer.getInteger("harness.threads", 2));
        List<Future<Result>> futures = new ArrayList<>();
        for (String[] c : cases) {
            for (String node : facts.keySet()) {
                futures.add(pool.submit(() -> compare(c[0], c[1], node)));
            }
        }
        List<Result> results = new ArrayList<>();
        for (Future<Result> f : futures) {
            results.add(f.get());
        }
        pool.shutdown();
        return results;
    }

    private Result compare(String module, String caseId, String node) throws IOException {
        boolean site = module.equals("sites");
        Path manifest = work.resolve("cases").resolve(module).resolve(caseId + ".pp");
        Path rubyBase = work.resolve("ruby").resolve(module).resolve(caseId + "." + node);
        Path rubyJson = Path.of(rubyBase + ".json");
        Path rubyError = Path.of(rubyBase + ".error");
        if (!Files.isRegularFile(rubyJson) && !Files.isRegularFile(rubyError)) {
            return new Result(module, caseId, node, Outcome.NO_REFERENCE, "no output of Ruby Puppet (run reference.rb)", "");
        }
        Map<String, Object> nodeFacts = facts.get(node);
        CompileRequest request = new CompileRequest(node, nodeFacts, null, serverFacts, null, null);
        String ours;
        CompileError refusal = null;
        try {
            ours = (site ? sites.computeIfAbsent(caseId, id -> new EnvironmentCompiler(work.resolve("environments")
                .resolve(id), options)).compile(request)
                : compiler.compile(request, manifest)).toJson().replace(work.toString(), "<work>");
        } catch (CompileError e) {
            ours = null;
            refusal = e;
        }
        if (Files.isRegularFile(rubyError)) {
            String ruby = Files.readString(rubyError, StandardCharsets.UTF_8).strip();
            if (refusal == null) {
                return new Result(module, caseId, node, Outcome.DIFFER,
                    "Ruby refuses, we compile: " + DifferenceCause.generalise(rubyMessage(ruby)), "Ruby: " + ruby);
            }
            CatalogComparison.RubyError expected = CatalogComparison.rubyError(ruby);
            CatalogComparison.RubyError actual = asRubyError(refusal, expected);
            if (expected.equals(actual)) {
                return new Result(module, caseId, node, Outcome.BOTH_REFUSE, null, null);
            }
            return new Result(module, caseId, node, Outcome.DIFFER,
                "refusals differ: Ruby " + DifferenceCause.generalise(expected.message()),
                "Ruby: " + ruby + "\nours: " + refusal.toString().replace(work.toString(), "<work>"));
        }
        if (refusal != null) {
            return new Result(module, caseId, node, Outcome.DIFFER,
                "we refuse, Ruby compiles: " + DifferenceCause.generalise(refusal.getMessage().replace(work.toString(), "<work>")),
                "ours: " + refusal.toString().replace(work.toString(), "<work>"));
        }
        JsonNode expected = CatalogComparison.normalise(JSON.readTree(rubyJson.toFile()));
        JsonNode actual = CatalogComparison.normalise(JSON.readTree(ours));
        String diff = CatalogComparison.firstDifference("$", expected, actual);
        if (diff == null) {
            return new Result(module, caseId, node, Outcome.EQUAL, null, null);
        }
        return new Result(module, caseId, node, Outcome.DIFFER, "catalog: " + DifferenceCause.ofCatalogs(expected, actual), diff);
    }

    private CatalogComparison.RubyError asRubyError(CompileError e, CatalogComparison.RubyError like) {
        String file = e.file().replace(work.toString(), "<work>");
        return new CatalogComparison.RubyError(like.file() == null ? null : file, like.line() == null ? null : e.line(),
            like.column() == null ? null : e.column(), e.getMessage().replace(work.toString(), "<work>"));
    }

    private static String rubyMessage(String ruby) {
        return CatalogComparison.rubyError(ruby).message();
    }

    void report(List<Result> results, PrintStream out) throws IOException {
        Map<String, int[]> perModule = new TreeMap<>();
        Map<String, Integer> casesPerModule = new TreeMap<>();
        Map<String, List<Result>> byCause = new LinkedHashMap<>();
        java.util.Set<String> seenCases = new java.util.HashSet<>();
        for (Result r : results) {
            int[] counts = perModule.computeIfAbsent(r.module(), m -> new int[Outcome.values().length]);
            counts[r.outcome().ordinal()]++;
            if (seenCases.add(r.module() + "/" + r.caseId())) {
                casesPerModule.merge(r.module(), 1, Integer::sum);
            }
            if (r.outcome() == Outcome.DIFFER || r.outcome() == Outcome.NO_REFERENCE) {
                byCause.computeIfAbsent(r.cause(), c -> new ArrayList<>()).add(r);
                Path file = outDir.resolve("differences").resolve(r.module()).resolve(r.caseId() + "." + r.node() + ".txt");
                Files.createDirectories(file.getParent());
                Files.writeString(file, r.cause() + "\n\n" + r.detail() + "\n");
            }
        }
        out.printf("%-26s %6s %9s %7s %12s %7s %8s%n", "module", "cases", "catalogs", "equal", "both-refuse", "differ",
            "equal%");
        int[] total = new int[Outcome.values().length];
        int totalCases = 0;
        for (Map.Entry<String, int[]> e : perModule.entrySet()) {
            int[] c = e.getValue();
            int all = c[0] + c[1] + c[2] + c[3];
            out.printf("%-26s %6d %9d %7d %12d %7d %7.1f%%%n", e.getKey(), casesPerModule.get(e.getKey()), all, c[0], c[1],
                c[2] + c[3], 100.0 * (c[0] + c[1]) / all);
            for (int i = 0; i < total.length; i++) {
                total[i] += c[i];
            }
            totalCases += casesPerModule.get(e.getKey());
        }
        int all = total[0] + total[1] + total[2] + total[3];
        out.printf("%-26s %6d %9d %7d %12d %7d %7.1f%%%n%n", "TOTAL (" + perModule.size() + " modules)", totalCases, all,
            total[0], total[1], total[2] + total[3], all == 0 ? 0.0 : 100.0 * (total[0] + total[1]) / all);
        out.println("Differences by first cause (" + (total[2] + total[3]) + " catalogs, " + byCause.size() + " causes):");
        List<Map.Entry<String, List<Result>>> causes = new ArrayList<>(byCause.entrySet());
        causes.sort(Comparator.comparingInt((Map.Entry<String, List<Result>> e) -> -e.getValue().size())
            .thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, List<Result>> e : causes) {
            List<Result> rs = e.getValue();
            long modules = rs.stream().map(Result::module).distinct().count();
            out.printf("%n%5d in %d module(s): %s%n", rs.size(), modules, e.getKey());
            rs.stream().filter(distinctBy(r -> r.module() + "/" + r.caseId())).limit(EXAMPLES_PER_CAUSE).forEach(r ->
                out.printf("        %s/%s.%s: %s%n", r.module(), r.caseId(), r.node(), abbreviate(r.detail(), 300)));
        }
    }

    private static <T> java.util.function.Predicate<T> distinctBy(java.util.function.Function<T, String> key) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return t -> seen.add(key.apply(t));
    }

    private static String abbreviate(String s, int max) {
        String one = s.replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max) + "…";
    }
}
