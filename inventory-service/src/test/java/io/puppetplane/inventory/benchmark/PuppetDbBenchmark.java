package io.puppetplane.inventory.benchmark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.puppetplane.infra.EmbeddedKafka;
import io.puppetplane.inventory.differential.ReferenceRig;
import io.puppetplane.trust.testing.TestCertificateAuthority;

/**
 * Benchmark (printed figures, not a test): inventory-service beside Debian's PuppetDB 7.12.1 on the same machine
 * and the same PostgreSQL 15 server.
 *
 * <p>Starts the reference PuppetDB with {@code src/test/differential/reference-puppetdb start --fresh} (its own
 * PostgreSQL 15 cluster: fsync off, 128 MB shared buffers), creates the database {@code inventory} in that same
 * cluster and starts the built service ({@code target/quarkus-app/quarkus-run.jar}, real single-node Kafka in this
 * JVM, both JVMs with {@code -Xmx768m}). The fleet's commands ({@link FleetCommands}: for N nodes one
 * replace_facts v5, one replace_catalog v9 and R store_report v8) are generated once into a spool file and the
 * same bytes are posted to each server in three phases (facts, catalogs, reports), by a few client threads. Our
 * service answers once a command is committed; PuppetDB queues it, so its phase ends when its queue is drained and
 * its query API counts every node's facts, catalogs or reports. Then both databases get VACUUM ANALYZE, the
 * storage is measured, and the query mix is run against each (one client, alternating between the servers on
 * every repetition, after a warm-up), printing p50/p99 per query and the ratios.
 *
 * <pre>
 * inventory-service/src/test/benchmark/pdb-benchmark [nodes=10000] [reports=50] [threads=4] [repeats=100]
 * </pre>
 * (that script builds the jar and the test classes offline and runs this class as root). Options:
 * {@code nodes reports threads repeats warmup warmup-nodes port} (PuppetDB's port; its PostgreSQL is on port − 2000),
 * {@code skip-puppetdb=true} (ours alone, e.g. for profiling with {@code service-jvm=-XX:StartFlightRecording=...}).
 */
public final class PuppetDbBenchmark {

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern QUEUE_DEPTH = Pattern.compile("\"queue_depth\"\\s*:\\s*(\\d+)");
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

    private final Map<String, String> options;
    private final int nodes;
    private final int reports;
    private final int threads;
    private final Path work;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> notes = new ArrayList<>();
    private final int warmupNodes;
    private FleetCommands warmFleet;

    private PuppetDbBenchmark(Map<String, String> options) throws IOException {
        this.options = options;
        this.nodes = Integer.parseInt(options.getOrDefault("nodes", "10000"));
        this.reports = Integer.parseInt(options.getOrDefault("reports", "50"));
        this.threads = Integer.parseInt(options.getOrDefault("threads", "4"));
        this.warmupNodes = Integer.parseInt(options.getOrDefault("warmup-nodes",
                Integer.toString(Math.min(100, nodes / 10))));
        this.work = Path.of(options.getOrDefault("work", "target/pdb-benchmark")).toAbsolutePath();
        Files.createDirectories(work);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("options are name=value: " + a);
            }
            options.put(a.substring(0, eq), a.substring(eq + 1));
        }
        new PuppetDbBenchmark(options).run();
        System.exit(0);
    }

    /** A server under test: its base URL, JVM pid (for CPU time) and database. */
    private record Server(String name, String url, long pid, String database) {
    }

    /** One phase's result on one server. */
    private record Phase(String name, int commands, double seconds, int refused, long[] postMillis,
            double serverCpuSeconds, double clientCpuSeconds, double machineCpuSeconds) {
        double rate() {
            return commands / seconds;
        }
    }

    private void run() throws Exception {
        boolean withPuppetDb = !Boolean.parseBoolean(options.getOrDefault("skip-puppetdb", "false"));
        int pdbPort = Integer.parseInt(options.getOrDefault("port", "28400"));
        int pgPort = pdbPort - 2000;
        Path differential = ReferenceRig.differentialDir();
        Path stateDir = Path.of("/tmp/pdbbench-" + pdbPort);
        System.out.printf("puppetdb-benchmark: %d nodes x %d reports (%d commands), %d client threads, %s, %d cores%n",
                nodes, reports, nodes * (2L + reports), threads, LocalDate.now(ZoneOffset.UTC),
                Runtime.getRuntime().availableProcessors());

        Instant firstRun = Instant.now().truncatedTo(ChronoUnit.HOURS)
                .minus(FleetCommands.RUN_INTERVAL.multipliedBy(reports + 2L));
        FleetCommands fleet = new FleetCommands(differential, firstRun);
        warmFleet = new FleetCommands(differential, firstRun.minus(Duration.ofDays(1)), "warmup");
        long g0 = System.nanoTime();
        Path spool = work.resolve("commands.spool");
        long spoolBytes = writeSpool(fleet, spool);
        System.out.printf("generated %d commands (%.1f MB, facts %.1f kB, catalog %.1f kB, report %.1f kB each) in"
                + " %.1f s%n", nodes * (2L + reports), spoolBytes / 1e6, fleet.facts(0).body().length / 1e3,
                fleet.catalog(0).body().length / 1e3, fleet.report(0, 0).body().length / 1e3,
                (System.nanoTime() - g0) / 1e9);

        Process reference = null;
        Process service = null;
        EmbeddedKafka kafka = null;
        try {
            if (withPuppetDb) {
                long t0 = System.nanoTime();
                reference = new ProcessBuilder(differential.resolve("reference-puppetdb").toString(), "start",
                        "--fresh", "--port", Integer.toString(pdbPort), "--state", stateDir.toString(),
                        "--max-connections", "150").redirectErrorStream(true).start();
                String out = new String(reference.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (reference.waitFor() != 0) {
                    throw new IllegalStateException("reference-puppetdb start failed: " + out);
                }
                System.out.printf("puppetdb: %s (%.0f s)%n", out, (System.nanoTime() - t0) / 1e9);
            } else {
                startClusterOnly(differential, pdbPort, stateDir);
            }
            createDatabase(pgPort, "inventory");
            kafka = EmbeddedKafka.start(Files.createTempDirectory("pdbbench-kafka"), 0);
            int httpPort = freePort();
            service = startService(pgPort, kafka.bootstrapServers(), httpPort);
            Server ours = new Server("inventory-service", "http://127.0.0.1:" + httpPort, service.pid(), "inventory");
            waitRunning(ours.url(), service);
            Server pdb = withPuppetDb ? new Server("puppetdb", "http://127.0.0.1:" + pdbPort,
                    Long.parseLong(Files.readString(stateDir.resolve("puppetdb.pid")).strip()), "puppetdb") : null;

            Map<String, List<Phase>> ingest = new LinkedHashMap<>();
            ingest.put(ours.name(), ingestAll(ours, spool, false));
            if (pdb != null) {
                ingest.put(pdb.name(), ingestAll(pdb, spool, true));
            }

            for (Server s : pdb == null ? List.of(ours) : List.of(ours, pdb)) {
                long t0 = System.nanoTime();
                sql(pgPort, s.database(), "VACUUM ANALYZE");
                System.out.printf("VACUUM ANALYZE %s: %.1f s%n", s.database(), (System.nanoTime() - t0) / 1e9);
            }
            Map<String, long[]> storage = new LinkedHashMap<>();
            storage.put(ours.name(), storage(pgPort, ours.database()));
            if (pdb != null) {
                storage.put(pdb.name(), storage(pgPort, pdb.database()));
            }

            Map<String, Map<String, long[]>> latencies = queries(pdb == null ? List.of(ours) : List.of(ours, pdb));
            report(ingest, storage, latencies, pdb != null);
        } finally {
            if (service != null) {
                service.destroy();
                service.waitFor(30, TimeUnit.SECONDS);
            }
            if (kafka != null) {
                kafka.close();
            }
            if (!Boolean.parseBoolean(options.getOrDefault("keep", "false"))) {
                new ProcessBuilder(differential.resolve("reference-puppetdb").toString(), "stop", "--port",
                        Integer.toString(pdbPort), "--state", stateDir.toString()).inheritIO().start()
                        .waitFor(120, TimeUnit.SECONDS);
            }
        }
    }

    // ---------------------------------------------------------------- commands

    private long writeSpool(FleetCommands fleet, Path spool) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spool),
                1 << 20))) {
            for (int i = 0; i < nodes; i++) {
                write(out, fleet.facts(i));
            }
            for (int i = 0; i < nodes; i++) {
                write(out, fleet.catalog(i));
            }
            for (int run = 0; run < reports; run++) {
                for (int i = 0; i < nodes; i++) {
                    write(out, fleet.report(i, run));
                }
            }
        }
        return Files.size(spool);
    }

    private static void write(DataOutputStream out, FleetCommands.Command c) throws IOException {
        out.writeUTF(c.name());
        out.writeInt(c.version());
        out.writeUTF(c.certname());
        out.writeUTF(MILLIS.format(c.producerTimestamp()));
        out.writeInt(c.body().length);
        out.write(c.body());
    }

    /** A spooled command, ready to post. */
    private record Spooled(String name, int version, String certname, String producerTimestamp, byte[] body) {
    }

    private static Spooled read(DataInputStream in) throws IOException {
        String name = in.readUTF();
        int version = in.readInt();
        String certname = in.readUTF();
        String ts = in.readUTF();
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        return new Spooled(name, version, certname, ts, body);
    }

    /**
     * Brings the server's JIT to speed before anything is timed: a few nodes under other names ({@code warmup*})
     * with their facts, catalog and two reports, then deactivated, so the measured queries (active nodes) and
     * counts leave them out; their rows stay in the storage figures of both (a few percent at most).
     */
    private void warmUp(Server server, FleetCommands warm, int count, boolean async) throws Exception {
        if (count == 0) {
            return;
        }
        long t0 = System.nanoTime();
        List<FleetCommands.Command> commands = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            commands.add(warm.facts(i));
            commands.add(warm.catalog(i));
            commands.add(warm.report(i, 0));
            commands.add(warm.report(i, 1));
        }
        postAll(server, commands);
        List<FleetCommands.Command> deactivations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String certname = commands.get(4 * i).certname();
            String body = "{\"certname\":\"" + certname + "\",\"producer_timestamp\":\""
                    + MILLIS.format(Instant.now()) + "\"}";
            deactivations.add(new FleetCommands.Command("deactivate_node", 3, certname, Instant.now(),
                    body.getBytes(StandardCharsets.UTF_8)));
        }
        postAll(server, deactivations);
        String active = "/pdb/query/v4/nodes?query=" + enc("[\"extract\",[[\"function\",\"count\"]],"
                + "[\"~\",\"certname\",\"^warmup\"]]");
        while (async && (queueDepth(server.url()) != 0 || count(server.url() + active) != 0)) {
            Thread.sleep(250);
        }
        System.out.printf("%-17s warm-up: %d nodes' facts, catalogs and 2 reports each, deactivated, %.1f s%n",
                server.name(), count, (System.nanoTime() - t0) / 1e9);
    }

    private void postAll(Server server, List<FleetCommands.Command> commands) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        AtomicReference<String> failure = new AtomicReference<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < commands.size(); i = next.getAndIncrement()) {
                        FleetCommands.Command c = commands.get(i);
                        HttpResponse<String> r = post(server.url() + "/pdb/cmd/v1?command=" + c.name() + "&version="
                                + c.version() + "&certname=" + enc(c.certname()) + "&producer-timestamp="
                                + enc(MILLIS.format(c.producerTimestamp())), c.body());
                        if (r.statusCode() != 200) {
                            failure.compareAndSet(null, c.name() + ": " + r.statusCode() + " " + r.body());
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(server.name() + " refused a warm-up command: " + failure.get());
        }
    }

    private List<Phase> ingestAll(Server server, Path spool, boolean async) throws Exception {
        warmUp(server, warmFleet, warmupNodes, async);
        List<Phase> phases = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spool), 1 << 20))) {
            phases.add(ingest(server, in, "replace_facts", nodes, async,
                    "/pdb/query/v4/nodes?query=" + enc("[\"extract\",[[\"function\",\"count\"]],"
                            + "[\"null?\",\"facts_timestamp\",false]]"), nodes));
            phases.add(ingest(server, in, "replace_catalog", nodes, async,
                    "/pdb/query/v4/nodes?query=" + enc("[\"extract\",[[\"function\",\"count\"]],"
                            + "[\"null?\",\"catalog_timestamp\",false]]"), nodes));
            phases.add(ingest(server, in, "store_report", nodes * reports, async,
                    "/pdb/query/v4/reports?query=" + enc("[\"extract\",[[\"function\",\"count\"]],"
                            + "[\"~\",\"certname\",\"^node\"]]"),
                    (long) nodes * reports));
        }
        return phases;
    }

    private Phase ingest(Server server, DataInputStream in, String name, int count, boolean async, String countQuery,
            long expected) throws Exception {
        BlockingQueue<Spooled> queue = new ArrayBlockingQueue<>(256);
        Spooled end = new Spooled("", 0, "", "", new byte[0]);
        AtomicInteger refused = new AtomicInteger();
        AtomicReference<String> firstRefusal = new AtomicReference<>();
        long[] latencies = new long[count];
        AtomicInteger index = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        double cpu0 = cpuSeconds(server.pid());
        double client0 = cpuSeconds(ProcessHandle.current().pid());
        double machine0 = machineCpuSeconds();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    for (Spooled c = queue.take(); c != end; c = queue.take()) {
                        String path = "/pdb/cmd/v1?command=" + c.name() + "&version=" + c.version() + "&certname="
                                + enc(c.certname()) + "&producer-timestamp=" + enc(c.producerTimestamp());
                        long s = System.nanoTime();
                        HttpResponse<String> r = post(server.url() + path, c.body());
                        latencies[index.getAndIncrement()] = (System.nanoTime() - s) / 1_000_000;
                        if (r.statusCode() != 200) {
                            refused.incrementAndGet();
                            firstRefusal.compareAndSet(null, r.statusCode() + " " + r.body());
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "post-" + t);
            w.start();
            workers.add(w);
        }
        for (int i = 0; i < count; i++) {
            Spooled c = read(in);
            if (!c.name().equals(name)) {
                throw new IllegalStateException("spool out of order: " + c.name() + " in the " + name + " phase");
            }
            queue.put(c);
        }
        for (int t = 0; t < threads; t++) {
            queue.put(end);
        }
        for (Thread w : workers) {
            w.join();
        }
        double posted = (System.nanoTime() - t0) / 1e9;
        // PuppetDB has only queued them: wait until its queue is empty and its API counts all of them
        long seen = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            if (!async || queueDepth(server.url()) == 0) {
                long now = count(server.url() + countQuery);
                if (now != seen) {
                    lastProgress = System.nanoTime();
                }
                seen = now;
                if (!async || seen >= expected - refused.get()) {
                    break;
                }
            }
            if (System.nanoTime() - lastProgress > TimeUnit.MINUTES.toNanos(10)) {
                throw new IllegalStateException(server.name() + " stopped progressing in the " + name + " phase");
            }
            Thread.sleep(250);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Phase p = new Phase(name, count, seconds, refused.get(), latencies, cpuSeconds(server.pid()) - cpu0,
                cpuSeconds(ProcessHandle.current().pid()) - client0, machineCpuSeconds() - machine0);
        System.out.printf("%-17s %-15s %7d commands in %7.1f s (posted in %.1f s): %8.1f commands/s; %s counts %d"
                + " of %d; refused %d%s; cpu s: server JVM %.0f, this client JVM (with Kafka) %.0f, whole machine"
                + " %.0f of %.0f%n", server.name(), name, count, seconds, posted, p.rate(), server.name(), seen,
                expected, refused.get(), firstRefusal.get() == null ? "" : " (first: "
                        + abbreviate(firstRefusal.get()) + ")", p.serverCpuSeconds(), p.clientCpuSeconds(),
                p.machineCpuSeconds(), seconds * Runtime.getRuntime().availableProcessors());
        if (refused.get() > 0) {
            notes.add(server.name() + " refused " + refused.get() + " " + name + " commands: "
                    + abbreviate(firstRefusal.get()));
        }
        return p;
    }

    private HttpResponse<String> post(String url, byte[] body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json; charset=utf-8").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        for (int attempt = 1;; attempt++) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt == 3) {
                    throw new IllegalStateException("POST " + url + ": " + e, e);
                }
            }
        }
    }

    private long queueDepth(String base) {
        Matcher m = QUEUE_DEPTH.matcher(get(base + "/status/v1/services/puppetdb-status").body());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private long count(String url) {
        HttpResponse<String> r = get(url);
        Matcher m = COUNT.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("count query " + url + ": " + r.statusCode() + " " + r.body());
        }
        return Long.parseLong(m.group(1));
    }

    private HttpResponse<String> get(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                .header("Accept", "application/json").GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- queries

    /** A query of the mix: its name and the request path for a given (random) node. */
    private record Query(String name, IntFunction<String> path) {
    }

    private List<Query> mix() {
        return List.of(
                new Query("nodes with status (Puppetboard overview)", n -> "/pdb/query/v4/nodes?query="
                        + enc("[\"and\",[\"=\",\"catalog_environment\",\"production\"]]")),
                new Query("nodes whose latest report failed", n -> "/pdb/query/v4/nodes?query="
                        + enc("[\"=\",\"latest_report_status\",\"failed\"]")),
                new Query("facts by name: facts[certname,value]{name='os'}", n -> "/pdb/query/v4?query="
                        + enc("facts[certname, value] { name = 'os' }")),
                new Query("one node's fact by name", n -> "/pdb/query/v4/nodes/" + FleetCommands.certname(n)
                        + "/facts/ipaddress"),
                new Query("exported resources by type (collector)", n -> "/pdb/query/v4/resources?query="
                        + enc("[\"and\",[\"=\",\"type\",\"Sshkey\"],[\"=\",\"exported\",true],[\"not\",[\"=\","
                                + "\"certname\",\"" + FleetCommands.certname(n) + "\"]]]")),
                new Query("one node's resources by type", n -> "/pdb/query/v4/nodes/" + FleetCommands.certname(n)
                        + "/resources/Package"),
                new Query("a node's reports with events, newest first", n -> "/pdb/query/v4/reports?query="
                        + enc("[\"=\",\"certname\",\"" + FleetCommands.certname(n) + "\"]") + "&order_by="
                        + enc("[{\"field\":\"producer_timestamp\",\"order\":\"desc\"}]")),
                new Query("events of a node's latest report", n -> "/pdb/query/v4/events?query="
                        + enc("[\"and\",[\"=\",\"certname\",\"" + FleetCommands.certname(n) + "\"],"
                                + "[\"=\",\"latest_report?\",true]]")),
                new Query("event-counts latest reports, summarize_by=resource", n -> "/pdb/query/v4/event-counts"
                        + "?query=" + enc("[\"=\",\"latest_report?\",true]") + "&summarize_by=resource"),
                new Query("event-counts latest reports, summarize_by=certname", n -> "/pdb/query/v4/event-counts"
                        + "?query=" + enc("[\"=\",\"latest_report?\",true]") + "&summarize_by=certname"));
    }

    private Map<String, Map<String, long[]>> queries(List<Server> servers) {
        int repeats = Integer.parseInt(options.getOrDefault("repeats", "100"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
        Map<String, Map<String, long[]>> out = new LinkedHashMap<>();
        for (Query q : mix()) {
            SplittableRandom rnd = new SplittableRandom(q.name().hashCode());
            Map<String, long[]> byServer = new LinkedHashMap<>();
            Map<String, Integer> rows = new ConcurrentHashMap<>();
            servers.forEach(s -> byServer.put(s.name(), new long[repeats]));
            long t0 = System.nanoTime();
            for (int i = -warmup; i < repeats; i++) {
                int node = rnd.nextInt(nodes);
                for (int k = 0; k < servers.size(); k++) {
                    // alternate which server goes first, so neither always follows the other's cache misses
                    Server s = servers.get((i + k + warmup) % servers.size());
                    long s0 = System.nanoTime();
                    HttpResponse<String> r = get(s.url() + q.path().apply(node));
                    long micros = (System.nanoTime() - s0) / 1000;
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException(s.name() + " answered " + r.statusCode() + " to "
                                + q.name() + ": " + abbreviate(r.body()));
                    }
                    if (i >= 0) {
                        byServer.get(s.name())[i] = micros;
                    } else if (i == -warmup) {
                        rows.put(s.name(), rowsOf(r.body()));
                    }
                }
            }
            StringBuilder line = new StringBuilder(String.format("query %-52s", q.name()));
            for (Server s : servers) {
                long[] l = byServer.get(s.name()).clone();
                Arrays.sort(l);
                line.append(String.format(" %s p50 %.1f ms p99 %.1f ms (%d rows);", s.name(), pct(l, 50) / 1e3,
                        pct(l, 99) / 1e3, rows.getOrDefault(s.name(), -1)));
            }
            System.out.println(line.append(String.format(" %.0f s", (System.nanoTime() - t0) / 1e9)));
            if (servers.size() == 2 && !rows.get(servers.get(0).name()).equals(rows.get(servers.get(1).name()))) {
                notes.add("'" + q.name() + "' answered " + rows + " rows (first repetition)");
            }
            out.put(q.name(), byServer);
        }
        return out;
    }

    private static int rowsOf(String body) {
        try {
            JsonNode n = new ObjectMapper().readTree(body);
            return n.isArray() ? n.size() : 1;
        } catch (IOException e) {
            return -1;
        }
    }

    // ---------------------------------------------------------------- the printed table

    private void report(Map<String, List<Phase>> ingest, Map<String, long[]> storage,
            Map<String, Map<String, long[]>> latencies, boolean both) {
        System.out.println();
        System.out.printf("== inventory-service vs PuppetDB 7.12.1: %d nodes x %d reports, %d client threads, %d"
                + " cores, %s ==%n", nodes, reports, threads, Runtime.getRuntime().availableProcessors(),
                LocalDate.now(ZoneOffset.UTC));
        String ours = "inventory-service";
        String pdb = "puppetdb";
        System.out.printf("%-56s %18s %18s %10s%n", "ingest (commands/s)", ours, both ? pdb : "-", "ours/pdb");
        double[] totalSeconds = new double[2];
        int total = 0;
        for (int i = 0; i < 3; i++) {
            Phase o = ingest.get(ours).get(i);
            Phase p = both ? ingest.get(pdb).get(i) : null;
            totalSeconds[0] += o.seconds();
            totalSeconds[1] += p == null ? 0 : p.seconds();
            total += o.commands();
            System.out.printf("%-56s %18.1f %18s %10s%n", "  " + o.name() + " (" + o.commands() + ")", o.rate(),
                    p == null ? "-" : String.format("%.1f", p.rate()),
                    p == null ? "-" : String.format("%.1fx", o.rate() / p.rate()));
        }
        double oursRate = total / totalSeconds[0];
        double pdbRate = both ? total / totalSeconds[1] : Double.NaN;
        System.out.printf("%-56s %18.1f %18s %10s%n", "  all " + total + " commands", oursRate,
                both ? String.format("%.1f", pdbRate) : "-", both ? String.format("%.1fx", oursRate / pdbRate) : "-");
        long[] ourPosts = ingest.get(ours).stream().flatMap(p -> Arrays.stream(p.postMillis()).boxed())
                .mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%-56s %18s %18s%n", "  command POST latency p50/p99 (ms)",
                pct(ourPosts, 50) + " / " + pct(ourPosts, 99), both ? postLatency(ingest.get(pdb)) : "-");
        System.out.printf("%n%-56s %18s %18s %10s%n", "query p50 / p99 (ms)", ours, both ? pdb : "-",
                "p99 ours/pdb");
        int p99Wins = 0;
        for (Map.Entry<String, Map<String, long[]>> e : latencies.entrySet()) {
            long[] o = e.getValue().get(ours).clone();
            Arrays.sort(o);
            long[] p = both ? e.getValue().get(pdb).clone() : null;
            if (p != null) {
                Arrays.sort(p);
                p99Wins += pct(o, 99) < pct(p, 99) ? 1 : 0;
            }
            System.out.printf("%-56s %18s %18s %10s%n", "  " + e.getKey(), ms(o), p == null ? "-" : ms(p),
                    p == null ? "-" : String.format("%.2f", (double) pct(o, 99) / pct(p, 99)));
        }
        System.out.printf("%n%-56s %18s %18s %10s%n", "storage", ours, both ? pdb : "-", "ours/pdb");
        long[] o = storage.get(ours);
        long[] p = both ? storage.get(pdb) : null;
        System.out.printf("%-56s %18s %18s %10s%n", "  bytes per node (tables, indexes, TOAST)", o[0] / nodes,
                p == null ? "-" : Long.toString(p[0] / nodes), p == null ? "-" : String.format("%.2f",
                        (double) o[0] / p[0]));
        System.out.printf("%-56s %18s %18s %10s%n", "  pg_database_size per node", o[1] / nodes,
                p == null ? "-" : Long.toString(p[1] / nodes), p == null ? "-" : String.format("%.2f",
                        (double) o[1] / p[1]));
        System.out.printf("%-56s %18.1f %18s%n", "  pg_database_size (MB)", o[1] / 1e6,
                p == null ? "-" : String.format("%.1f", p[1] / 1e6));
        if (both) {
            System.out.printf("%ntargets: ingest >= 10x PuppetDB's: %s (%.1fx); every query's p99 below PuppetDB's:"
                    + " %s (%d of %d)%n", oursRate >= 10 * pdbRate ? "met" : "NOT met", oursRate / pdbRate,
                    p99Wins == latencies.size() ? "met" : "NOT met", p99Wins, latencies.size());
        }
        notes.forEach(n -> System.out.println("note: " + n));
    }

    private static String postLatency(List<Phase> phases) {
        long[] all = phases.stream().flatMap(p -> Arrays.stream(p.postMillis()).boxed()).mapToLong(Long::longValue)
                .sorted().toArray();
        return pct(all, 50) + " / " + pct(all, 99) + " (queued)";
    }

    private static String ms(long[] sortedMicros) {
        return String.format(Locale.ROOT, "%.1f / %.1f", pct(sortedMicros, 50) / 1e3, pct(sortedMicros, 99) / 1e3);
    }

    private static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    // ---------------------------------------------------------------- servers and the database

    private void startClusterOnly(Path differential, int pdbPort, Path stateDir) throws Exception {
        // without PuppetDB the same cluster is still wanted: start the reference and stop its JVM only
        Process p = new ProcessBuilder(differential.resolve("reference-puppetdb").toString(), "start", "--fresh",
                "--port", Integer.toString(pdbPort), "--state", stateDir.toString(), "--max-connections", "150")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("reference-puppetdb start failed: " + out);
        }
        long pid = Long.parseLong(Files.readString(stateDir.resolve("puppetdb.pid")).strip());
        ProcessHandle.of(pid).ifPresent(h -> {
            h.destroy();
            h.onExit().join();
        });
        System.out.println("puppetdb: stopped again (skip-puppetdb), its PostgreSQL cluster stays");
    }

    private Process startService(int pgPort, String kafka, int httpPort) throws IOException {
        Path jar = Path.of(options.getOrDefault("jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: ./mvnw -o -pl inventory-service package -DskipTests");
        }
        Path pki = Files.createTempDirectory("pdbbench-pki");
        TestCertificateAuthority ca = TestCertificateAuthority.createIn(pki, "pdbbench");
        ca.issueServer("localhost", List.of("localhost"), List.of("127.0.0.1")).writeTo(pki, "server");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        String extra = options.getOrDefault("service-jvm", "");
        if (!extra.isBlank()) {
            command.addAll(Arrays.asList(extra.split(" ")));
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.port", Integer.toString(httpPort));
        config.put("quarkus.http.ssl-port", Integer.toString(freePort()));
        config.put("quarkus.management.port", Integer.toString(freePort()));
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + pgPort + "/inventory");
        config.put("quarkus.datasource.username", "postgres");
        config.put("quarkus.datasource.password", "postgres");
        config.put("kafka.bootstrap.servers", kafka);
        config.put("puppetplane.tls.ca-file", pki.resolve("ca.pem").toString());
        config.put("puppetplane.tls.cert-file", pki.resolve("server.pem").toString());
        config.put("puppetplane.tls.key-file", pki.resolve("server-key.pem").toString());
        // as the reference's database.ini: nothing expires or is collected while the benchmark runs
        config.put("puppetplane.inventory.gc-interval", "off");
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        Path log = work.resolve("inventory-service.log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        pb.environment().put("MALLOC_ARENA_MAX", "2");
        System.out.println("inventory-service: starting, log " + log);
        return pb.start();
    }

    private void waitRunning(String url, Process service) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("inventory-service exited; see " + work.resolve("inventory-service.log"));
            }
            try {
                if (get(url + "/status/v1/services/puppetdb-status").body().contains("\"running\"")) {
                    System.out.println("inventory-service: running at " + url);
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("inventory-service not running after 180 s");
    }

    private static void createDatabase(int pgPort, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                "postgres", "postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
    }

    private static void sql(int pgPort, String database, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/" + database,
                "postgres", "postgres"); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** [bytes of every table with its indexes and TOAST, pg_database_size]. */
    private static long[] storage(int pgPort, String database) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/" + database,
                "postgres", "postgres"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0),"
                        + " pg_database_size(current_database()) FROM pg_class c JOIN pg_namespace n"
                        + " ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm')"
                        + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                        + " AND n.nspname NOT LIKE 'pg_toast%'")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** utime + stime of a process, from /proc. */
    private static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Busy CPU seconds of the whole machine (all cores), from /proc/stat. */
    private static double machineCpuSeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
