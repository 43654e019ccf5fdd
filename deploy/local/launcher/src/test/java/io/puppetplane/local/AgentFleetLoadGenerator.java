package io.puppetplane.local;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;


/**
 * Load generator (not a test): starts the whole local plane (real PostgreSQL and Kafka, the four services; autosign
 * for loopback) and runs a fleet of simulated agents through the whole path an agent's first run takes: its node
 * registered by provisioning, CSR, certificate, CRL, catalog (with facts, over mTLS with the new certificate) and
 * report. Then it counts what arrived: every certificate signed and every node's report and certificate step in
 * enrollment-service. Prints agents/s sustained, p50/p99 per endpoint and what was lost.
 *
 * <pre>
 * ./mvnw -B -DskipTests install
 * ./mvnw -o -q -pl deploy/local/launcher dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
 *   -Dmdep.includeScope=test
 * java -cp deploy/local/launcher/target/test-classes:deploy/local/launcher/target/classes:$(cat \
 *   deploy/local/launcher/target/bench.classpath) io.puppetplane.local.AgentFleetLoadGenerator \
 *   [agents=2000] [concurrency=16] [catalogReplicas=1]
 * </pre>
 * Keys are generated before the clock starts (32, shared round-robin: key generation is the agent's cost, not the
 * plane's); every agent makes its own CSR and TLS session.
 */
public final class AgentFleetLoadGenerator {

    private static final List<String> ENDPOINTS = List.of("register", "csr", "certificate", "crl", "catalog",
            "report");

    private final SSLSocketFactory anonymous;
    private final KeyStore trust;
    private final String adminAuthorization;
    private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    private AgentFleetLoadGenerator(Path caFile, String adminAuthorization) throws Exception {
        this.adminAuthorization = adminAuthorization;
        this.trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", certificate(Files.readString(caFile)));
        this.anonymous = context(null, null).getSocketFactory();
        ENDPOINTS.forEach(e -> latencies.put(e, java.util.Collections.synchronizedList(new ArrayList<>())));
    }

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        String replicas = args.length > 2 ? args[2] : "1";
        Path home = Path.of(System.getProperty("puppetplane.home", ".")).toAbsolutePath().normalize();
        Path state = Files.createTempDirectory("fleet-load");
        try (LocalControlPlane plane = new LocalControlPlane(LaunchOptions.parse(home, "--state-dir",
                state.toString(), "--catalog-replicas", replicas))) {
            System.out.println(plane.start().line());
            AgentFleetLoadGenerator generator = new AgentFleetLoadGenerator(state.resolve("ca/ca_crt.pem"),
                    plane.operators().basicAuthorization());
            generator.run(agents, concurrency, plane);
        }
    }

    private void run(int agents, int concurrency, LocalControlPlane plane) throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        List<KeyPair> keys = new ArrayList<>();
        for (int i = 0; i < Math.min(agents, 32); i++) {
            keys.add(rsa.generateKeyPair());
        }
        String run = Long.toString(System.currentTimeMillis() % 100000, 36);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            names.add("fleet-" + run + "-" + i + ".load.test");
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        Map<String, Double> cpuBefore = cpuSeconds(plane);
        long began = System.nanoTime();
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            String name = names.get(i);
            KeyPair key = keys.get(i % keys.size());
            results.add(pool.submit(() -> agent(name, key)));
        }
        int completed = 0;
        for (Future<Boolean> r : results) {
            completed += r.get() ? 1 : 0;
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        pool.shutdown();
        System.out.printf("fleet: %d agents, %d concurrent, %.1f s: %.1f agents/s sustained, %d completed every "
                + "request%n", agents, concurrency, seconds, agents / seconds, completed);
        for (String endpoint : ENDPOINTS) {
            long[] ms = latencies.get(endpoint).stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("  %-12s n=%5d p50=%6.1f ms p99=%6.1f ms max=%6.1f ms failures=%d%n", endpoint,
                    ms.length, percentile(ms, 50), percentile(ms, 99), ms.length == 0 ? 0 : ms[ms.length - 1] / 1e6,
                    failures.getOrDefault(endpoint, new AtomicInteger()).get());
        }
        Map<String, Double> cpuAfter = cpuSeconds(plane);
        StringBuilder cpu = new StringBuilder("cpu seconds during the fleet (2 cores = " + Math.round(2 * seconds)
                + " s available):");
        cpuAfter.forEach((process, after) -> cpu.append(String.format(" %s=%.0f", process,
                after - cpuBefore.getOrDefault(process, 0.0))));
        System.out.println(cpu);
        countWhatArrived(names, began);
    }

    private static double cpuSeconds(ServiceProcess service) {
        return ProcessHandle.of(service.pid()).flatMap(h -> h.info().totalCpuDuration())
                .map(d -> d.toMillis() / 1000.0).orElse(0.0);
    }

    /** CPU time of each service's JVM and of this one (the load generator, Kafka and PostgreSQL's launcher). */
    private static Map<String, Double> cpuSeconds(LocalControlPlane plane) {
        Map<String, Double> cpu = new java.util.TreeMap<>();
        for (String service : List.of("ca-service", "fileserve-service", "enrollment-service")) {
            cpu.put(service, cpuSeconds(plane.service(service)));
        }
        cpu.put("catalog-service", plane.catalogReplicas().stream()
                .mapToDouble(AgentFleetLoadGenerator::cpuSeconds).sum());
        ProcessHandle.current().info().totalCpuDuration()
                .ifPresent(d -> cpu.put("generator+kafka", d.toMillis() / 1000.0));
        return cpu;
    }

    /** One agent's first run; true when every request succeeded. */
    private boolean agent(String name, KeyPair key) {
        try {
            timed("register", () -> request("POST", "http://127.0.0.1:" + LocalControlPlane.DASHBOARD_PORT
                    + "/api/v1/nodes", null, "application/json", "{\"certname\":\"" + name + "\",\"address\":"
                    + "\"127.0.0.1\",\"kind\":\"cloud-instance\",\"role\":\"nc\"}", 201));
            String ca = "https://localhost:" + LocalControlPlane.CA_PORT + "/puppet-ca/v1";
            timed("csr", () -> request("PUT", ca + "/certificate_request/" + name, anonymous, "text/plain",
                    csr(name, key), 200));
            String pem = timed("certificate", () -> request("GET", ca + "/certificate/" + name, anonymous, null,
                    null, 200));
            timed("crl", () -> request("GET", ca + "/certificate_revocation_list/ca", anonymous, null, null, 200));
            SSLSocketFactory identity = context(key, certificate(pem)).getSocketFactory();
            String puppet = "https://localhost:" + LocalControlPlane.CATALOG_PORT + "/puppet/v3";
            String uuid = UUID.randomUUID().toString();
            timed("catalog", () -> request("POST", puppet + "/catalog/" + name + "?environment=production",
                    identity, "application/x-www-form-urlencoded", catalogForm(name, uuid), 200));
            timed("report", () -> request("PUT", puppet + "/report/" + name + "?environment=production", identity,
                    "application/json", report(name, uuid), 200));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private interface Call {
        String call() throws Exception;
    }

    private String timed(String endpoint, Call call) throws Exception {
        long start = System.nanoTime();
        try {
            String body = call.call();
            latencies.get(endpoint).add(System.nanoTime() - start);
            return body;
        } catch (Exception e) {
            if (failures.computeIfAbsent(endpoint, k -> new AtomicInteger()).incrementAndGet() <= 3) {
                System.out.printf("  %s failed: %s%n", endpoint, e.getMessage());
            }
            throw e;
        }
    }

    private String request(String method, String url, SSLSocketFactory tls, String contentType, String body,
            int expected) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        if (c instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(tls);
        } else {
            c.setRequestProperty("Authorization", adminAuthorization);
        }
        c.setRequestMethod(method);
        c.setConnectTimeout(10_000);
        c.setReadTimeout(60_000);
        c.setRequestProperty("Accept", "application/json, text/plain");
        if (body != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", contentType);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            String answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (status != expected) {
                throw new IOException(method + " " + url + " answered " + status + ": " + answer);
            }
            return answer;
        }
    }

    /**
     * What the plane holds afterwards: a signed certificate, a report and the certificate step for every agent. Waits
     * as long as more keep arriving (events queued behind the fleet are late, not lost), at most 10 minutes.
     */
    private void countWhatArrived(List<String> names, long began) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        List<String> missing = new ArrayList<>(names);
        long lastProgress = System.nanoTime();
        while (!missing.isEmpty() && System.nanoTime() < deadline
                && System.nanoTime() - lastProgress < TimeUnit.SECONDS.toNanos(60)) {
            List<String> still = new ArrayList<>();
            for (String name : missing) {
                String base = "http://127.0.0.1:" + LocalControlPlane.DASHBOARD_PORT + "/api/v1/nodes/" + name;
                boolean reported = request("GET", base + "/inventory", null, null, null, 200)
                        .contains("\"transactionUuid\":\"");
                boolean signed = reported && request("GET", base + "/history", null, null, null, 200)
                        .contains("\"toState\":\"certificate-signed\"");
                if (!signed) {
                    still.add(name);
                }
            }
            if (still.size() < missing.size()) {
                lastProgress = System.nanoTime();
            }
            missing = still;
            if (!missing.isEmpty()) {
                Thread.sleep(2000);
            }
        }
        System.out.printf("arrived: %d of %d agents have their report and certificate step in enrollment-service, "
                + "the last %.0f s after the fleet began; lost: %d%s%n", names.size() - missing.size(), names.size(),
                (System.nanoTime() - began) / 1e9, missing.size(),
                missing.isEmpty() ? "" : " (first: " + missing.get(0) + ")");
    }

    private SSLContext context(KeyPair key, X509Certificate certificate) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (key != null) {
            KeyStore identity = KeyStore.getInstance("PKCS12");
            identity.load(null, null);
            identity.setKeyEntry("agent", key.getPrivate(), new char[0], new Certificate[] { certificate });
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(identity, new char[0]);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private static String csr(String name, KeyPair key) throws Exception {
        PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + name),
                key.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate()));
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(request);
        }
        return pem.toString();
    }

    private static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The agent's form: the facts JSON URL-encoded, then form-encoded again. */
    private static String catalogForm(String name, String uuid) {
        String host = name.substring(0, name.indexOf('.'));
        String facts = "{\"name\":\"" + name + "\",\"values\":{\"role\":\"nc\",\"kernel\":\"Linux\","
                + "\"fqdn\":\"" + name + "\",\"hostname\":\"" + host + "\",\"ipaddress\":\"127.0.0.1\","
                + "\"networking\":{\"ip\":\"127.0.0.1\",\"fqdn\":\"" + name + "\",\"hostname\":\"" + host
                + "\"},\"os\":{\"family\":\"Debian\",\"name\":\"Debian\",\"release\":{\"major\":\"12\"}},"
                + "\"processors\":{\"count\":2},\"memory\":{\"system\":{\"total_bytes\":25769803776}}},"
                + "\"timestamp\":\"" + Instant.now() + "\"}";
        String once = URLEncoder.encode(facts, StandardCharsets.UTF_8).replace("+", "%20");
        return "facts_format=application%2Fjson&facts=" + URLEncoder.encode(once, StandardCharsets.UTF_8)
                + "&environment=production&configured_environment=production&transaction_uuid=" + uuid
                + "&static_catalog=true&checksum_type=sha256";
    }

    private static String report(String name, String uuid) {
        return "{\"host\":\"" + name + "\",\"status\":\"unchanged\",\"environment\":\"production\","
                + "\"configuration_version\":1,\"transaction_uuid\":\"" + uuid + "\",\"noop\":false,"
                + "\"time\":\"" + Instant.now() + "\",\"logs\":[]}";
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }
}
