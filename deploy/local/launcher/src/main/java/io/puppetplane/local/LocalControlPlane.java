package io.puppetplane.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import io.puppetplane.infra.EmbeddedKafka;
import io.puppetplane.infra.EmbeddedPostgresServer;

/**
 * The whole control plane on this machine, in the foreground: real PostgreSQL, real single-node KRaft Kafka, then
 * ca-service, catalog-service, fileserve-service, enrollment-service and inventory-service on loopback. State survives a restart;
 * SIGTERM or Ctrl-C stops everything in reverse order.
 */
public final class LocalControlPlane implements AutoCloseable {

    public static final int POSTGRES_PORT = 15432;
    public static final int KAFKA_PORT = 19092;
    public static final int CATALOG_PORT = 8140;
    public static final int CA_PORT = 8141;
    public static final int FILESERVE_PORT = 8142;
    public static final int DASHBOARD_PORT = 3000;
    /** PuppetDB's ports: HTTPS with client certificates, and plain HTTP on loopback for local tools. */
    public static final int PUPPETDB_PORT = 8081;
    public static final int PUPPETDB_PLAIN_PORT = 8080;
    public static final String SERVER_NAME = "localhost";
    static final int REPLICA_BASE_PORT = 18140;
    static final int REPLICA_MANAGEMENT_BASE_PORT = 9020;
    /** Quarkus' fast-jar, in the service's module. */
    private static final Path FAST_JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    /** catalog-service is one jar, so its class-data archive can hold every class (its README, "Start-up"). */
    private static final Path CATALOG_JAR = Path.of("target/catalog-service-runner.jar");

    private final LaunchOptions options;
    private final Path stateDir;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final List<ServiceProcess> catalogReplicas = new ArrayList<>();
    private final Map<String, Map<String, String>> extraConfig = new LinkedHashMap<>();
    private CatalogLoadBalancer loadBalancer;
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafka kafka;
    private OperatorSecrets operators;

    public LocalControlPlane(LaunchOptions options) {
        this.options = options;
        this.stateDir = options.stateDir();
    }

    /**
     * Adds configuration for one service (by name, e.g. {@code enrollment-service}) over the launcher's own, such as
     * a test's SSH key or registration command. Call before {@link #start()}.
     */
    public LocalControlPlane configure(String service, Map<String, String> config) {
        extraConfig.computeIfAbsent(service, s -> new LinkedHashMap<>()).putAll(config);
        return this;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("puppetplane.home", ".")).toAbsolutePath().normalize();
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(home, args);
        } catch (LaunchOptions.UsageException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("error: " + e.getMessage());
            }
            System.err.print(LaunchOptions.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        LocalControlPlane plane = new LocalControlPlane(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping: services, then Kafka, then PostgreSQL");
            plane.close();
            stopped.countDown();
        }, "local-plane-stop"));
        try {
            Ready ready = plane.start();
            System.out.println(ready.line());
            System.out.flush();
        } catch (IOException | RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    /** Starts every part and returns once all services are ready. */
    public Ready start() throws IOException, InterruptedException {
        long began = System.nanoTime();
        prepareStateDirectory();
        operators = OperatorSecrets.loadOrCreate(stateDir.resolve("secrets"));
        printLayout();
        startPostgres();
        startKafka();
        ServiceProcess ca = startService(caService());
        ca.awaitReady(Duration.ofSeconds(90));
        issueServiceCertificates();
        List<ServiceProcess> rest = new ArrayList<>();
        for (ServiceDefinition definition : catalogServices()) {
            ServiceProcess replica = startService(definition);
            catalogReplicas.add(replica);
            rest.add(replica);
        }
        for (ServiceDefinition definition : List.of(fileserveService(), enrollmentService(), inventoryService())) {
            rest.add(startService(definition));
        }
        for (ServiceProcess service : rest) {
            service.awaitReady(Duration.ofSeconds(90));
        }
        startLoadBalancer();
        Path agentConfig = AgentConfig.write(stateDir.resolve("agent"), SERVER_NAME, CATALOG_PORT, CA_PORT);
        Duration startup = Duration.ofNanos(System.nanoTime() - began);
        return new Ready(agentConfig, startup, residentMemory());
    }

    private void prepareStateDirectory() throws IOException {
        if (options.fresh() && Files.exists(stateDir)) {
            try (Stream<Path> paths = Files.walk(stateDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        Files.createDirectories(stateDir.resolve("logs"));
    }

    private void printLayout() {
        System.out.printf("state:     %s%n", stateDir);
        System.out.printf("code:      %s%n", options.codeDir());
        System.out.printf("logs:      %s%n", stateDir.resolve("logs"));
        System.out.printf("ports:     postgres=%d kafka=%d catalog=%d ca=%d fileserve=%d dashboard=%d puppetdb=%d,%d%n",
                POSTGRES_PORT, KAFKA_PORT, CATALOG_PORT, CA_PORT, FILESERVE_PORT, DASHBOARD_PORT, PUPPETDB_PORT,
                PUPPETDB_PLAIN_PORT);
        System.out.printf("autosign:  %s%n", options.autosign().isEmpty() ? "none" : String.join(",", options.autosign()));
        System.out.printf("operator:  %s / %s (dashboard and API; the first admin, password also in %s)%n",
                operators.adminName(), operators.adminPassword(), operators.passwordFile());
        System.out.flush();
    }

    private void startPostgres() throws IOException {
        postgres = EmbeddedPostgresServer.start(stateDir.resolve("postgres"), POSTGRES_PORT);
        try {
            postgres.ensureDatabase("ca");
            postgres.ensureDatabase("enrollment");
            postgres.ensureDatabase("inventory");
        } catch (java.sql.SQLException e) {
            throw new IOException("could not create the service databases: " + e.getMessage(), e);
        }
        System.out.printf("postgres:  up on 127.0.0.1:%d%n", postgres.port());
    }

    private void startKafka() throws IOException {
        kafka = EmbeddedKafka.start(stateDir.resolve("kafka"), KAFKA_PORT);
        System.out.printf("kafka:     up on %s%n", kafka.bootstrapServers());
    }

    private ServiceProcess startService(ServiceDefinition definition) throws IOException {
        Path jar = options.home().resolve(definition.module()).resolve(definition.jar());
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.management.port", String.valueOf(definition.managementPort()));
        config.putAll(definition.config());
        config.putAll(extraConfig.getOrDefault(definition.name(), Map.of()));
        ServiceProcess process = new ServiceProcess(definition.name(), jar, config, definition.managementPort(),
                stateDir.resolve("logs").resolve(definition.name() + ".log"), definition.jvmOptions());
        process.start();
        services.add(process);
        System.out.printf("%-10s started (pid %d), log %s%n", definition.name().replace("-service", "") + ":",
                process.pid(), process.logFile());
        return process;
    }

    private Map<String, String> database(String name) {
        return Map.of("quarkus.datasource.jdbc.url", postgres.jdbcUrl(name),
                "quarkus.datasource.username", EmbeddedPostgresServer.USER,
                "quarkus.datasource.password", "");
    }

    private Map<String, String> tls(String service) {
        Path dir = stateDir.resolve("tls").resolve(service);
        return Map.of("puppetplane.tls.cert-file", dir.resolve("cert.pem").toString(),
                "puppetplane.tls.key-file", dir.resolve("key.pem").toString(),
                "puppetplane.tls.ca-file", dir.resolve("ca.pem").toString());
    }

    private ServiceDefinition caService() {
        Map<String, String> config = new LinkedHashMap<>(database("ca"));
        config.put("quarkus.http.ssl-port", String.valueOf(CA_PORT));
        config.put("puppetplane.ca.dir", stateDir.resolve("ca").toString());
        config.put("puppetplane.ca.server-names", SERVER_NAME + ",127.0.0.1");
        config.put("puppetplane.ca.autosign.cidrs", String.join(",", options.autosign()));
        // Puppet 8 agents renew their certificates here (Puppet Server's allow-auto-renewal; off by default).
        config.put("puppetplane.ca.auto-renewal.allowed", "true");
        return new ServiceDefinition("ca-service", FAST_JAR, "ca-service", 9001, config, List.of("-Xmx256m"));
    }

    /** One replica listens on 8140 itself; several listen on 18140+i behind haproxy on 8140. */
    private List<ServiceDefinition> catalogServices() {
        if (options.catalogReplicas() == 1) {
            return List.of(catalogService("catalog-service", CATALOG_PORT, 9002));
        }
        List<ServiceDefinition> replicas = new ArrayList<>();
        for (int i = 0; i < options.catalogReplicas(); i++) {
            replicas.add(catalogService("catalog-service-" + i, REPLICA_BASE_PORT + i, REPLICA_MANAGEMENT_BASE_PORT + i));
        }
        return replicas;
    }

    private void startLoadBalancer() throws IOException {
        if (options.catalogReplicas() == 1) {
            return;
        }
        List<CatalogLoadBalancer.Backend> backends = new ArrayList<>();
        for (int i = 0; i < options.catalogReplicas(); i++) {
            backends.add(new CatalogLoadBalancer.Backend("catalog" + i, REPLICA_BASE_PORT + i,
                    REPLICA_MANAGEMENT_BASE_PORT + i));
        }
        loadBalancer = new CatalogLoadBalancer(stateDir.resolve("haproxy"), "127.0.0.1", CATALOG_PORT, backends);
        loadBalancer.start();
        System.out.printf("haproxy:   127.0.0.1:%d -> %d catalog replicas, log %s%n", CATALOG_PORT,
                backends.size(), stateDir.resolve("haproxy/haproxy.log"));
    }

    /**
     * Stops Kafka (as an outage would) or starts it again on the same port and data, so fault tests can take it away
     * while services and agents keep working.
     */
    public void stopKafka() {
        kafka.close();
        System.out.println("kafka:     stopped");
    }

    public void restartKafka() throws IOException {
        startKafka();
    }

    /** Stops PostgreSQL or starts it again on the same port and data directory, for fault tests. */
    public void stopPostgres() throws IOException {
        postgres.close();
        System.out.println("postgres:  stopped");
    }

    public void restartPostgres() throws IOException {
        postgres = EmbeddedPostgresServer.start(stateDir.resolve("postgres"), POSTGRES_PORT);
        System.out.printf("postgres:  up on 127.0.0.1:%d%n", postgres.port());
    }

    /** The running catalog replicas, so tests can stop one the way an orchestrator or a failure would. */
    public List<ServiceProcess> catalogReplicas() {
        return List.copyOf(catalogReplicas);
    }

    /** A running service by name, so tests can kill and restart it as a crash and its orchestrator would. */
    public ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service named " + name));
    }

    public Path stateDir() {
        return stateDir;
    }

    /** The first admin of the dashboard and API (known once {@link #start()} began). */
    public OperatorSecrets operators() {
        return operators;
    }

    private ServiceDefinition catalogService(String name, int port, int managementPort) {
        Map<String, String> config = new LinkedHashMap<>(tls("catalog"));
        config.put("quarkus.http.ssl-port", String.valueOf(port));
        config.put("puppetplane.catalog.codedir", options.codeDir().toString());
        config.put("puppetplane.catalog.fileserve.server", SERVER_NAME + ":" + FILESERVE_PORT);
        config.put("puppetplane.catalog.spool.dir", stateDir.resolve(name + "/spool").toString());
        config.put("puppetplane.catalog.snapshot-dir", stateDir.resolve(name + "/snapshots").toString());
        config.put("puppetplane.trust.crl-url", caUrl() + "/puppet-ca/v1/certificate_revocation_list/ca");
        // storeconfigs: exported collectors ask the inventory, as Puppet Server asks PuppetDB
        config.put("puppetplane.catalog.puppetdb.url", puppetDbUrl());
        return new ServiceDefinition("catalog-service", CATALOG_JAR, name, managementPort, config,
            jvmOptions(options.home().resolve("catalog-service/jvm.options")));
    }

    private ServiceDefinition fileserveService() {
        Map<String, String> config = new LinkedHashMap<>(tls("fileserve"));
        config.put("quarkus.http.ssl-port", String.valueOf(FILESERVE_PORT));
        config.put("puppetplane.fileserve.config-file", options.codeDir().resolve("fileserver.conf").toString());
        config.put("puppetplane.trust.crl-url", caUrl() + "/puppet-ca/v1/certificate_revocation_list/ca");
        return new ServiceDefinition("fileserve-service", FAST_JAR, "fileserve-service", 9003, config,
            List.of("-Xmx256m"));
    }

    private ServiceDefinition enrollmentService() {
        Map<String, String> config = new LinkedHashMap<>(database("enrollment"));
        config.putAll(tls("enrollment"));
        config.put("quarkus.http.port", String.valueOf(DASHBOARD_PORT));
        config.put("puppetplane.enrollment.ca.url", caUrl());
        // the dashboard's and API's facts and runs: the inventory's PuppetDB API, with enrollment's certificate
        config.put("puppetplane.enrollment.inventory.url", puppetDbUrl());
        // the first admin's password and the session key, from a file only this user can read
        config.put("quarkus.config.locations", operators.configFile().toUri().toString());
        return new ServiceDefinition("enrollment-service", FAST_JAR, "enrollment-service", 9004, config,
            List.of("-Xmx256m"));
    }

    private ServiceDefinition inventoryService() {
        Map<String, String> config = new LinkedHashMap<>(database("inventory"));
        config.putAll(tls("inventory"));
        config.put("quarkus.http.ssl-port", String.valueOf(PUPPETDB_PORT));
        config.put("quarkus.http.port", String.valueOf(PUPPETDB_PLAIN_PORT));
        return new ServiceDefinition("inventory-service", FAST_JAR, "inventory-service", 9005, config,
            List.of("-Xmx256m"));
    }

    private static String puppetDbUrl() {
        return "https://" + SERVER_NAME + ":" + PUPPETDB_PORT;
    }

    private static String caUrl() {
        return "https://" + SERVER_NAME + ":" + CA_PORT;
    }

    /** Each HTTPS service gets a server certificate from our CA once (in parallel); later runs reuse it. */
    private void issueServiceCertificates() throws IOException, InterruptedException {
        Path log = stateDir.resolve("logs/ca-cli.log");
        Map<String, Process> issuing = new LinkedHashMap<>();
        for (String service : List.of("catalog", "fileserve", "enrollment", "inventory")) {
            Path out = stateDir.resolve("tls").resolve(service);
            if (Files.isRegularFile(out.resolve("cert.pem"))) {
                continue;
            }
            ProcessBuilder cli = new ProcessBuilder(options.home().resolve("ca-service/bin/puppetplane-ca").toString(),
                    "issue-service-cert", service + "-service", "--dns", SERVER_NAME, "--ip", "127.0.0.1",
                    "--out", out.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            cli.environment().put("PUPPETPLANE_CA_DIR", stateDir.resolve("ca").toString());
            cli.environment().put("PUPPETPLANE_CA_URL", caUrl());
            issuing.put(service, cli.start());
        }
        for (Map.Entry<String, Process> e : issuing.entrySet()) {
            if (e.getValue().waitFor() != 0) {
                // The log's end in the message: a test's state directory is gone by the time anyone reads its report.
                List<String> lines = Files.readAllLines(log);
                throw new IOException("could not issue the TLS certificate of " + e.getKey() + "-service; " + log
                        + " ends:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
            }
        }
    }

    private long residentMemory() {
        return services.stream().mapToLong(ServiceProcess::residentKilobytes).filter(k -> k > 0).sum();
    }

    @Override
    public void close() {
        if (loadBalancer != null) {
            try {
                loadBalancer.stop(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<ServiceProcess> reversed = new ArrayList<>(services);
        java.util.Collections.reverse(reversed);
        for (ServiceProcess service : reversed) {
            try {
                service.stop(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
    }

    /** The options in a jvm.options file: whitespace-separated, lines starting with # are comments. */
    static List<String> jvmOptions(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(line -> !line.strip().startsWith("#"))
                .flatMap(line -> java.util.Arrays.stream(line.strip().split("\\s+"))).filter(o -> !o.isEmpty())
                .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JVM options " + file, e);
        }
    }

    /**
     * What the services need to start: module, its packaged application (relative to the module), management port,
     * configuration, JVM options.
     */
    record ServiceDefinition(String module, Path jar, String name, int managementPort, Map<String, String> config,
                             List<String> jvmOptions) {
    }

    /** The plane is up: the agent's configuration, how long start-up took and the services' resident memory. */
    public record Ready(Path agentConfig, Duration startup, long residentKilobytes) {
        public String line() {
            return String.format("ready: catalog=https://%s:%d ca=https://%s:%d fileserve=https://%s:%d "
                    + "dashboard=http://%s:%d puppetdb=%s agent-config=%s startup=%.1fs services-rss=%dMB",
                    SERVER_NAME, CATALOG_PORT, SERVER_NAME, CA_PORT, SERVER_NAME, FILESERVE_PORT, SERVER_NAME,
                    DASHBOARD_PORT, puppetDbUrl(), agentConfig, startup.toMillis() / 1000.0,
                    residentKilobytes / 1024);
        }
    }
}
