package io.puppetplane.fileserve.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One file_metadatas request over a 1,000-file mount (10 directories of 100 files of 4 KiB, in the page cache), the
 * JSON array included, three ways: {@code cold} (fresh checksum and listing caches: every file hashed),
 * {@code listedAgain} (the listing dropped as after a change, checksums reused: one lstat per entry) and
 * {@code fromListingCache} (the whole answer kept; what every request gets while the mount is unchanged). Run from
 * fileserve-service with
 * {@code java -cp target/test-classes:target/classes:$(deps) io.puppetplane.fileserve.service.RecursiveMetadataBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RecursiveMetadataBenchmark {

    private final ObjectMapper json = new ObjectMapper();
    private Path mount;
    private Path realMount;
    private MountPaths.ResolvedFile root;
    private MetadataOptions options;
    private ListingCache.Key key;
    /** Warm caches, shared by the warm benchmarks. */
    private FileMetadataCollector collector;
    private ListingCache listings;
    /** Fresh caches before every invocation of {@link #cold}. */
    private FileMetadataCollector coldCollector;
    private ListingCache coldListings;

    @Setup
    public void createMount() throws IOException {
        mount = Files.createTempDirectory("bench-mount");
        byte[] content = new byte[4096];
        for (int d = 0; d < 10; d++) {
            Path dir = Files.createDirectories(mount.resolve("dir" + d));
            for (int f = 0; f < 100; f++) {
                content[0] = (byte) f;
                content[1] = (byte) d;
                Files.write(dir.resolve("file" + f + ".pem"), content);
            }
        }
        realMount = mount.toRealPath();
        root = MountPaths.resolve(mount, "", false);
        options = MetadataOptions.of("manage", "sha256", "ignore", "true", null, "-1", List.of());
        key = new ListingCache.Key(root.path().toString(), root.realPath(), options);
        collector = new FileMetadataCollector(FileMetadataCollectorTest.config());
        listings = new ListingCache(100_000);
        int entries = request(collector, listings).size();
        if (entries != 1011) {
            throw new IllegalStateException("expected 1011 entries (root, 10 dirs, 1000 files), got " + entries);
        }
    }

    @Setup(Level.Invocation)
    public void freshCaches() {
        if (coldListings != null) {
            coldListings.close();
        }
        coldCollector = new FileMetadataCollector(FileMetadataCollectorTest.config());
        coldListings = new ListingCache(100_000);
    }

    private List<FileMetadata> request(FileMetadataCollector lister, ListingCache cache) {
        return cache.listing(key, observer -> lister.recursive(root, realMount, options, observer));
    }

    @Benchmark
    public byte[] cold() throws IOException {
        return json.writeValueAsBytes(request(coldCollector, coldListings));
    }

    @Benchmark
    public byte[] listedAgain() throws IOException {
        listings.invalidateAll();
        return json.writeValueAsBytes(request(collector, listings));
    }

    @Benchmark
    public byte[] fromListingCache() throws IOException {
        return json.writeValueAsBytes(request(collector, listings));
    }

    @TearDown
    public void removeMount() throws IOException {
        listings.close();
        if (coldListings != null) {
            coldListings.close();
        }
        try (var walk = Files.walk(mount)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(RecursiveMetadataBenchmark.class.getSimpleName())
                .warmupIterations(2).warmupTime(TimeValue.seconds(2))
                .measurementIterations(3).measurementTime(TimeValue.seconds(2))
                .forks(1).build()).run();
    }
}
