package io.puppetplane.lang.bench;

import io.puppetplane.lang.CompileRequest;
import io.puppetplane.lang.EnvironmentCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Warm compile times (compile + JSON rendering) with parsed code cached, as catalog-service runs them.
 * Run from puppet-lang/ (see README.md): targets are p50 ≤ 2 ms for the example site (nc node) and ≤ 20 ms
 * for a synthetic 500-resource catalog; a site calling module Ruby functions stays within a few ms warm.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class CompileBenchmark {

    private EnvironmentCompiler exampleSite;
    private CompileRequest ncNode;
    private EnvironmentCompiler synthetic;
    private CompileRequest syntheticNode;
    private Path syntheticDir;
    private EnvironmentCompiler rubyModules;
    private CompileRequest rubyNode;

    @Setup
    public void setUp() throws IOException {
        Path example = Path.of("src/test/resources/corpus/example_site/environments/production");
        exampleSite = new EnvironmentCompiler(example, EnvironmentCompiler.Options.defaults());
        ncNode = CompileRequest.of("nc-1.example.com", Map.of("role", "nc", "hostname", "nc-1",
            "networking", Map.of("ip", "10.0.0.21", "fqdn", "nc-1.example.com")));
        syntheticDir = Files.createTempDirectory("bench");
        Path env = SyntheticSite.write(syntheticDir, 500);
        synthetic = new EnvironmentCompiler(env, EnvironmentCompiler.Options.defaults());
        syntheticNode = CompileRequest.of("big.example.com", Map.of("role", "app"));
        if (synthetic.compile(syntheticNode).resources().size() < 500) {
            throw new IllegalStateException("synthetic site is smaller than 500 resources");
        }
        // a site whose compile calls module Ruby: 7 Ruby function calls (modern and 3.x) and a custom type
        rubyModules = new EnvironmentCompiler(Path.of("src/test/resources/corpus/ruby_modules/environments/production"),
            EnvironmentCompiler.Options.defaults());
        rubyNode = CompileRequest.of("node1.example.com", Map.of("role", "nc", "os", Map.of("family", "Debian")));
        rubyModules.compile(rubyNode); // the JRuby runtime starts here, outside the measurement
    }

    @TearDown
    public void tearDown() throws IOException {
        try (var files = Files.walk(syntheticDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public String exampleSiteNcNode() {
        return exampleSite.compile(ncNode).toJson();
    }

    @Benchmark
    public String rubyFunctionsSite() {
        return rubyModules.compile(rubyNode).toJson();
    }

    @Benchmark
    public String synthetic500Resources() {
        return synthetic.compile(syntheticNode).toJson();
    }
}
