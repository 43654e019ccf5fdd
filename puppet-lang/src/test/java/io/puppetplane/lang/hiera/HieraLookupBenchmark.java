package io.puppetplane.lang.hiera;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Cost of warm lookups over the recorded test environment (6 hierarchy levels, 10 data files, module data,
 * lookup_options): run from puppet-lang with
 * {@code java -cp target/test-classes:target/classes:$(deps) io.puppetplane.lang.hiera.HieraLookupBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HieraLookupBenchmark {

    private HieraLookup hiera;
    private MapScope scope;

    @Setup
    public void setUp() throws Exception {
        Path caseDir = Path.of("src/test/resources/hiera/basic").toAbsolutePath();
        Path env = caseDir.resolve("code/environments/production");
        // The evaluator knows its modules; resolve them once so that only lookups are measured.
        Map<String, Path> modules = Map.of("ntp", env.resolve("modules/ntp"));
        hiera = HieraLookup.create(caseDir.resolve("no-global/hiera.yaml"), env, modules::get);
        scope = HieraLookupConformanceTest.scopeFromFacts(caseDir.resolve("facts.yaml"));
    }

    @Benchmark
    public Object firstFoundWithInterpolation() {
        return hiera.lookup("message", LookupOptions.none(), scope);
    }

    @Benchmark
    public Object deepMergeFromLookupOptions() {
        return hiera.lookup("users", LookupOptions.none(), scope);
    }

    @Benchmark
    public Object automaticParameterLookupInModule() {
        return hiera.find("ntp::servers", LookupOptions.none(), scope);
    }

    @Benchmark
    public Object missingKey() {
        return hiera.find("ntp::no_such_parameter", LookupOptions.none(), scope);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(HieraLookupBenchmark.class.getSimpleName())
                .warmupIterations(2).warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
                .forks(1).build()).run();
    }
}
