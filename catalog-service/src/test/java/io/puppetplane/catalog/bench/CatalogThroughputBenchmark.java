package io.puppetplane.catalog.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.puppetplane.events.CloudEventCodec;
import io.puppetplane.events.Topics;
import io.puppetplane.events.payload.CodeDeployed;
import io.puppetplane.events.payload.NodeClassified;
import io.puppetplane.infra.EmbeddedKafka;
import io.puppetplane.trust.testing.TestCertificateAuthority;

/**
 * Load generator (not a test): starts the packaged catalog-service ({@code target/catalog-service-runner.jar}) as its own process
 * against an in-JVM Kafka and the example site, then has N clients request the nc node's catalog over keep-alive
 * mTLS ({@link KeepAliveHttpsClient}), exactly as the agent POSTs it. Kafka is seeded as a running cloud has it (1,000
 * classified nodes). The replica starts twice, as deploy/local starts it: the first start of a build trains a class-data
 * archive, the restart begins from it. Prints time to ready of both (and CPU spent until then), catalogs/s, p50/p99
 * and the server's RSS.
 *
 * <pre>
 * ./mvnw -o -pl catalog-service package -DskipTests
 * ./mvnw -o -q -pl catalog-service dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * java -cp catalog-service/target/test-classes:$(cat catalog-service/target/bench.classpath) \
 *   io.puppetplane.catalog.bench.CatalogThroughputBenchmark [clients=2] [warmupSeconds=10] [seconds=15]
 * </pre>
 */
public final class CatalogThroughputBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CatalogThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        Path module = Files.isDirectory(Path.of("catalog-service")) ? Path.of("catalog-service") : Path.of(".");
        Path work = Files.createTempDirectory("catalog-bench");
        TestCertificateAuthority ca = TestCertificateAuthority.createIn(work.resolve("pki"), "bench");
        ca.issueServer("localhost", List.of("localhost"), List.of("127.0.0.1")).writeTo(work.resolve("pki"), "server");
        int port = freePort();
        int management = freePort();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"), 0)) {
            seedCluster(kafka.bootstrapServers(), 1000);
            TestCertificateAuthority.IssuedCertificate node = ca.issueClient("nc-1.example.com", Map.of());
            String form = catalogForm("nc-1.example.com");
            URI uri = URI.create("https://localhost:" + port + "/puppet/v3/catalog/nc-1.example.com"
                + "?environment=production");
            Path trained = work.resolve("trained.jsa");
            // as deploy/local starts a build for the first time: its JVM writes a class-data archive at exit
            long firstStart = System.nanoTime();
            Process training = startServer(module, work, kafka, port, management,
                List.of("-XX:ArchiveClassesAtExit=" + trained, "-Xlog:cds=off,cds+dynamic=off"));
            try {
                System.out.printf("first start of this build: ready after %.2f s%n",
                    awaitReady(management, firstStart));
                // the request path belongs in the archive too
                run(clients, 2, node, uri, form, false);
            } finally {
                training.destroy();
                training.waitFor();
            }
            // ...and as it starts every replica after that
            long start = System.nanoTime();
            Process server = startServer(module, work, kafka, port, management,
                Files.isRegularFile(trained) ? List.of("-XX:SharedArchiveFile=" + trained) : List.of());
            try {
                double readySeconds = awaitReady(management, start);
                // CPU seconds show whether start-up waits on work (2 cores busy) or on something else
                System.out.printf("restart: ready after %.2f s (JVM start included), %.2f CPU s, RSS %d MB%n",
                    readySeconds, cpuNanos(server.pid()) / 1e9, rssMegabytes(server.pid()));
                run(clients, warmup, node, uri, form, false);
                long serverCpu = cpuNanos(server.pid());
                long ownCpu = cpuNanos(ProcessHandle.current().pid());
                int served = run(clients, seconds, node, uri, form, true);
                // CPU per catalog shows the server's cost even when other work shares the machine
                System.out.printf("CPU per catalog: server %.2f ms, load generator %.2f ms%n",
                    (cpuNanos(server.pid()) - serverCpu) / 1e6 / served,
                    (cpuNanos(ProcessHandle.current().pid()) - ownCpu) / 1e6 / served);
                System.out.printf("server RSS after load %d MB%n", rssMegabytes(server.pid()));
            } finally {
                server.destroy();
                server.waitFor();
            }
        }
    }

    /** The packaged replica with deploy/local's JVM options and the given class-data option; its log is server.log. */
    private static Process startServer(Path module, Path work, EmbeddedKafka kafka, int port, int management,
                                       List<String> classData) throws IOException {
        List<String> command = new ArrayList<>(List.of("java"));
        // e.g. -Dbench.server-jvm-options="-XX:StartFlightRecording=filename=cs.jfr" to profile the server
        command.addAll(Arrays.asList(System.getProperty("bench.server-jvm-options", replicaJvmOptions(module))
            .trim().split("\\s+")));
        command.addAll(classData);
        command.addAll(List.of(
            "-Dpuppetplane.tls.cert-file=" + work.resolve("pki/server.pem"),
            "-Dpuppetplane.tls.key-file=" + work.resolve("pki/server-key.pem"),
            "-Dpuppetplane.tls.ca-file=" + work.resolve("pki/ca.pem"),
            "-Dquarkus.http.ssl-port=" + port, "-Dquarkus.management.port=" + management,
            "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
            "-Dpuppetplane.catalog.codedir=" + module.resolve("../deploy/local/example-code").toAbsolutePath(),
            "-Dpuppetplane.catalog.spool.dir=" + work.resolve("spool"),
            "-Dpuppetplane.catalog.snapshot-dir=" + work.resolve("snapshots"),
            "-jar", module.resolve("target/catalog-service-runner.jar").toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        return builder.redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("server.log").toFile())).start();
    }

    /**
     * Kafka as a running cloud has it: topics exist and the compacted classification topic holds {@code nodes}
     * operator classifications, which a starting replica reads to their end before it is ready.
     */
    private static void seedCluster(String bootstrapServers, int nodes) throws Exception {
        CloudEventCodec codec = new CloudEventCodec("bench", Clock.systemUTC());
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
            new StringSerializer())) {
            for (int i = 0; i < nodes; i++) {
                String certname = String.format("node-%04d.cloud.test", i);
                NodeClassified classified = new NodeClassified(certname, i % 10 == 0 ? "cc" : "nc",
                    Map.of("ntp", Map.of()), null, List.of());
                producer.send(new ProducerRecord<>(Topics.CLASSIFICATION, certname,
                    codec.encode(classified, certname).cloudEventJson()));
            }
            CodeDeployed deployed = new CodeDeployed("production", "seed", Instant.now());
            producer.send(new ProducerRecord<>(Topics.CODE, "production",
                codec.encode(deployed, "production").cloudEventJson())).get();
        }
    }

    private static int run(int clients, int seconds, TestCertificateAuthority.IssuedCertificate node, URI uri,
                            String form, boolean report) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<long[]> latencies = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] samples = new long[2_000_000];
            latencies.add(samples);
            KeepAliveHttpsClient http = new KeepAliveHttpsClient(node.clientContext(), uri,
                "application/x-www-form-urlencoded", "application/vnd.puppet.rich+json, application/json, text/pson",
                form.getBytes(StandardCharsets.UTF_8));
            Thread t = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < end && n < samples.length) {
                    long t0 = System.nanoTime();
                    try {
                        if (http.send() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    }
                    samples[n++] = System.nanoTime() - t0;
                }
                samples[samples.length - 1] = n;
                http.close();
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!report) {
            return 0;
        }
        List<Long> all = new ArrayList<>();
        for (long[] samples : latencies) {
            int n = (int) samples[samples.length - 1];
            for (int i = 0; i < n; i++) {
                all.add(samples[i]);
            }
        }
        long[] sorted = all.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        System.out.printf("%d clients, %d s: %d catalogs, %.1f catalogs/s, p50 %.2f ms, p99 %.2f ms, errors %d%n",
            clients, seconds, sorted.length, sorted.length / (double) seconds, sorted[sorted.length / 2] / 1e6,
            sorted[(int) (sorted.length * 0.99)] / 1e6, errors.get());
        return sorted.length;
    }

    private static double awaitReady(int management, long start) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/q/health/ready"))
            .timeout(Duration.ofSeconds(1)).build();
        while (System.nanoTime() - start < 60_000_000_000L) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - start) / 1e9;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("catalog-service not ready in 60 s");
    }

    /** The nc node's facts as the agent sends them: URL-encoded JSON inside a form field. */
    private static String catalogForm(String certname) throws IOException {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("role", "nc");
        values.put("hostname", "nc-1");
        values.put("domain", "example.com");
        values.put("fqdn", certname);
        values.put("kernel", "Linux");
        values.put("osfamily", "Debian");
        values.put("ipaddress", "10.0.0.21");
        values.put("os", Map.of("family", "Debian", "name", "Debian", "release", Map.of("full", "12.5", "major", "12")));
        values.put("networking", Map.of("fqdn", certname, "hostname", "nc-1", "ip", "10.0.0.21"));
        values.put("processors", Map.of("count", 2));
        values.put("clientcert", certname);
        values.put("clientversion", "7.23.0");
        String facts = JSON.writeValueAsString(Map.of("name", certname, "values", values));
        String once = URLEncoder.encode(facts, StandardCharsets.UTF_8).replace("+", "%20");
        return "facts_format=application%2Fjson&facts=" + URLEncoder.encode(once, StandardCharsets.UTF_8)
            + "&environment=production&configured_environment=production&check_environment=true"
            + "&transaction_uuid=bench&job_uuid=&static_catalog=true&checksum_type=sha256.sha384.sha512.sha224.md5";
    }

    /** What deploy/local and the Helm chart give a catalog replica: catalog-service/jvm.options. */
    private static String replicaJvmOptions(Path module) throws IOException {
        return String.join(" ", Files.readAllLines(module.resolve("jvm.options")).stream()
            .filter(line -> !line.strip().startsWith("#")).toList());
    }

    /** utime + stime of a process, from /proc (clock ticks of 10 ms on Linux). */
    private static long cpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
    }

    private static long rssMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
