package io.puppetplane.lang.erb;

import io.puppetplane.lang.spi.VariableScope;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.runner.options.TimeValue;

/** Cost of compiling and of rendering a module-style template (ntp.conf). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ErbTemplateBenchmark {

    private String source;
    private ErbTemplate compiled;
    private VariableScope scope;

    @Setup
    public void setUp() throws Exception {
        Path dir = Path.of("src/test/resources/erb");
        source = Files.readString(dir.resolve("templates/ntp-module.erb"));
        compiled = ErbTemplate.compile(source, "ntp.conf.erb");
        scope = ErbTemplateConformanceTest.scopeOf(dir.resolve("vars.json"));
    }

    @Benchmark
    public Object compile() {
        return ErbTemplate.compile(source, "ntp.conf.erb");
    }

    @Benchmark
    public Object render() {
        return compiled.render(scope);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(ErbTemplateBenchmark.class.getSimpleName())
                .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                .forks(1).build()).run();
    }
}
