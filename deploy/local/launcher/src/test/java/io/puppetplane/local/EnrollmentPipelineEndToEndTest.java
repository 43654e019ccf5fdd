package io.puppetplane.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/**
 * enrollment-service's pipeline through the whole local plane: Debian's real sshd on loopback (its own config, host
 * key and authorized key; the system sshd and /etc/ssh are never touched), Debian's real puppet-agent, ca-service
 * signing by autosign.conf (bare metal) or by one-time token (cloud; no CIDR autosign at all), catalog-service's
 * reports reaching enrollment-service through Kafka, and a stand-in {@code euca_conf} that records its calls.
 *
 * <p>The site is this test's own (a notify with the role fact), so non-noop runs change nothing on this machine and
 * count as the node's first successful run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnrollmentPipelineEndToEndTest {

    private static final String METAL = "node1.metal.test";
    private static final String METAL_ADDRESS = "127.0.0.1";
    private static final String CRASHED = "node2.metal.test";
    private static final String CRASHED_ADDRESS = "127.0.0.2";
    private static final String CLOUD = "10.77.0.5";
    private static final String STRANGER = "10.77.0.6";
    private static final List<String> PIPELINE = List.of("registered", "role-assigned", "agent-started",
            "certificate-requested", "certificate-signed", "first-run-succeeded", "cloud-registered", "ready");
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern TO_STATE = Pattern.compile("\"toState\":\"([a-z-]+)\"");

    private Path work;
    private Path calls;
    private Process sshd;
    private HttpServer metadata;
    private LocalControlPlane plane;

    @BeforeAll
    void startSshdAndThePlane(@TempDir Path dir) throws Exception {
        assumeTrue(PuppetAgent.installed(), "Debian's puppet-agent is not installed (.ci/run installs it)");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/sshd")), "Debian's openssh-server is not installed");
        long began = System.nanoTime();
        work = dir;
        calls = work.resolve("euca_conf.calls");
        Path home = Path.of("../../..").toAbsolutePath().normalize();
        Path code = writeSite(home);
        Map<String, String> ssh = startSshd();
        startMetadataService();

        Path autosign = Files.writeString(work.resolve("autosign.conf"), "*.metal.test\n");
        plane = new LocalControlPlane(LaunchOptions.parse(home, "--state-dir", work.resolve("state").toString(),
                "--fresh", "--codedir", code.toString(), "--autosign", "none"))
                .configure("ca-service", Map.of("puppetplane.ca.autosign.conf-file", autosign.toString()))
                .configure("enrollment-service", enrollmentConfig(ssh));
        LocalControlPlane.Ready ready = plane.start();
        System.out.println(ready.line());
        System.out.printf("enrollment e2e: sshd and plane up in %.1f s%n", (System.nanoTime() - began) / 1e9);
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (plane != null) {
            plane.close();
        }
        if (metadata != null) {
            metadata.stop(0);
        }
        if (sshd != null) {
            sshd.destroy();
            if (!sshd.waitFor(10, TimeUnit.SECONDS)) {
                sshd.destroyForcibly();
            }
        }
        stopLeftoverAgents();
    }

    @Test
    @Order(1)
    void bareMetalNodeGoesFromRegisteredToReadyOverRealSshWithDebiansAgent() throws Exception {
        long began = System.nanoTime();
        createNode(METAL, METAL_ADDRESS, "bare-metal");

        String node = awaitState(METAL, "ready");

        assertTrue(node.contains("\"state\":\"ready\""), "the node must reach ready: " + node);
        assertEquals(PIPELINE, states(METAL), "the node passes every state of the pipeline in order");
        assertEquals("nc\n", Files.readString(work.resolve("etc-role")), "enrollment wrote the role file over SSH");
        String run = awaitAgentRun(METAL);
        assertTrue(run.contains("my role is nc"), "the agent's catalog saw the role written over SSH:\n" + run);
        assertEquals(List.of("--register-nodes " + METAL_ADDRESS + " --no-rsync"), calls(METAL_ADDRESS),
                "the stand-in euca_conf was called exactly once for the node");
        System.out.printf("enrollment e2e: bare metal registered -> ready in %.1f s%n",
                (System.nanoTime() - began) / 1e9);
    }

    @Test
    @Order(2)
    void enrollmentKilledDuringRegistrationCompletesTheNodeAfterRestartWithoutRegisteringAgain() throws Exception {
        long began = System.nanoTime();
        Path hold = Files.createFile(work.resolve("hold-" + CRASHED_ADDRESS));
        createNode(CRASHED, CRASHED_ADDRESS, "bare-metal");
        awaitCondition(() -> !calls(CRASHED_ADDRESS).isEmpty(), "the registration command to start");

        ServiceProcess enrollment = plane.service("enrollment-service");
        enrollment.kill();
        assertTrue(enrollment.awaitExit(Duration.ofSeconds(10)), "SIGKILL ends enrollment-service");
        Files.delete(hold); // the orphaned stand-in finishes now, as euca_conf would on the controller
        enrollment.restart();
        enrollment.awaitReady(Duration.ofSeconds(90));

        awaitState(CRASHED, "ready");
        assertEquals(PIPELINE, states(CRASHED), "after the restart the node passes the remaining states in order");
        assertEquals(List.of("--register-nodes " + CRASHED_ADDRESS + " --no-rsync"), calls(CRASHED_ADDRESS),
                "the registration ran exactly once although the service died while it ran");
        assertTrue(history(CRASHED).contains("interrupted registration confirmed by"),
                "the restarted service resolved the interrupted registration with the check command: "
                        + history(CRASHED));
        System.out.printf("enrollment e2e: kill and restart during registration, node ready in %.1f s%n",
                (System.nanoTime() - began) / 1e9);
    }

    @Test
    @Order(3)
    void cloudInstancesUserDataEnrollsItsAgentByTheOneTimeToken() throws Exception {
        // Control: an agent of the same kind without a token stays unsigned, so only the token can sign below.
        PuppetAgent stranger = new PuppetAgent(work.resolve("agents"), work.resolve("state/agent/puppet.conf"),
                STRANGER, Map.of());
        PuppetAgent.Result refused = stranger.test("--waitforcert", "0");
        assertFalse(refused.succeeded(), "no autosign rule may sign " + STRANGER + ":\n" + refused.output());
        assertTrue(csrDecision(STRANGER).contains("no autosign rule matched"),
                "ca-service left the tokenless request pending: " + csrDecision(STRANGER));

        long began = System.nanoTime();
        createNode(CLOUD, CLOUD, "cloud-instance");
        HttpResponse<String> userData = HTTP.send(api(dashboard("/api/v1/nodes/" + CLOUD
                + "/user-data")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, userData.statusCode(), "enrollment-service generates the user-data: " + userData.body());
        Path script = Files.writeString(work.resolve("cloud-user-data.sh"), userData.body());
        Files.createDirectories(work.resolve("cloud")); // the instance's /etc, where its role file goes

        Process boot = new ProcessBuilder("/bin/sh", script.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("cloud-boot.log").toFile()).start();
        boolean finished = boot.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            boot.descendants().forEach(ProcessHandle::destroyForcibly);
            boot.destroyForcibly();
        }
        String output = Files.readString(work.resolve("cloud-boot.log"));
        System.out.printf("enrollment e2e: cloud first-run script took %.1f s%n", (System.nanoTime() - began) / 1e9);
        assertTrue(finished && boot.exitValue() == 0, "the first-run script succeeds (exit "
                + (finished ? boot.exitValue() : "none: killed after 3 min") + "):\n" + output + "\nscript:\n"
                + userData.body());
        assertTrue(output.contains("my role is nc"), "the agent got its catalog with the role:\n" + output);

        String decision = csrDecision(CLOUD);
        assertTrue(decision.contains("one-time enrollment token"),
                "with CIDR autosign off and no autosign.conf entry, only the token can have signed it: " + decision);
        awaitState(CLOUD, "ready");
        assertEquals(List.of("registered", "role-assigned", "certificate-requested", "certificate-signed",
                "first-run-succeeded", "cloud-registered", "ready"), states(CLOUD),
                "a cloud instance starts its own agent, so it skips agent-started");
        assertEquals(List.of("--register-nodes " + CLOUD + " --no-rsync"), calls(CLOUD), "registered once");
        System.out.printf("enrollment e2e: cloud user-data to ready in %.1f s%n", (System.nanoTime() - began) / 1e9);
    }

    @Test
    @Order(4)
    void decommissionRevokesTheCertificateAndTombstonesTheClassification() throws Exception {
        HttpResponse<String> r = HTTP.send(api(dashboard("/api/v1/nodes/" + METAL
                + "/decommission")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "decommission accepted: " + r.body());

        BigInteger serial = certificate(work.resolve("agents").resolve(METAL).resolve("ssl/certs/" + METAL + ".pem"))
                .getSerialNumber();
        awaitCondition(() -> crl().getRevokedCertificate(serial) != null,
                "ca-service to revoke " + METAL + "'s certificate (serial " + serial + ")");

        Optional<String> latest = latestClassification(METAL);
        assertTrue(latest != null && latest.isEmpty(), "the node's last record on the compacted classification "
                + "topic is a tombstone (null value), which catalog-service applies as unclassified: " + latest);
    }

    // --- the site, sshd and the service configuration ------------------------------------------------------------

    /** A site whose catalog changes nothing on this machine: a notify naming the role fact. */
    private Path writeSite(Path home) throws IOException {
        Path code = work.resolve("code");
        Path production = code.resolve("environments/production");
        Files.createDirectories(production.resolve("manifests"));
        Files.writeString(production.resolve("manifests/site.pp"),
                "node default {\n  notify { 'enrolled': message => \"my role is ${facts['role']}\" }\n}\n");
        Path fact = production.resolve("modules/role/lib/facter/role.rb");
        Files.createDirectories(fact.getParent());
        Files.copy(home.resolve("deploy/local/example-code/environments/production/modules/role/lib/facter/role.rb"),
                fact);
        Files.createDirectories(work.resolve("keys"));
        Files.writeString(code.resolve("fileserver.conf"), "[eucakeys]\n  path " + work.resolve("keys")
                + "\n  allow 127.0.0.0/8\n");
        return code;
    }

    /** Debian's sshd in the foreground with this test's own configuration; returns enrollment's SSH settings. */
    private Map<String, String> startSshd() throws Exception {
        Path hostKey = work.resolve("ssh_host_ecdsa_key");
        Path clientKey = work.resolve("id_ecdsa");
        exec("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", hostKey.toString());
        exec("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", clientKey.toString());
        int port = freePort();
        Path config = Files.writeString(work.resolve("sshd_config"), """
                Port %d
                ListenAddress %s
                ListenAddress %s
                HostKey %s
                PidFile %s
                AuthorizedKeysFile %s
                PermitRootLogin prohibit-password
                PubkeyAuthentication yes
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                UsePAM no
                StrictModes no
                """.formatted(port, METAL_ADDRESS, CRASHED_ADDRESS, hostKey, work.resolve("sshd.pid"),
                work.resolve("id_ecdsa.pub")));
        // sshd refuses to start without its privilege separation directory, which systemd creates for the system
        // sshd (RuntimeDirectory); on a machine where that never ran, create the same empty directory.
        Path privsep = Path.of("/run/sshd");
        if (!Files.isDirectory(privsep)) {
            try {
                Files.createDirectories(privsep, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwxr-xr-x")));
            } catch (IOException e) {
                assumeTrue(false, "sshd needs " + privsep + ", which only root can create: " + e);
            }
        }
        Path log = work.resolve("sshd.log");
        sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", config.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        awaitCondition(() -> listening(METAL_ADDRESS, port) && listening(CRASHED_ADDRESS, port),
                "sshd to listen (log " + log + ")");

        String hostPublicKey = Files.readString(work.resolve("ssh_host_ecdsa_key.pub")).strip()
                .replaceFirst("^(\\S+ \\S+).*$", "$1");
        Path knownHosts = Files.writeString(work.resolve("known_hosts"),
                "[" + METAL_ADDRESS + "]:" + port + " " + hostPublicKey + "\n"
                        + "[" + CRASHED_ADDRESS + "]:" + port + " " + hostPublicKey + "\n");
        return Map.of("puppetplane.enrollment.ssh.port", String.valueOf(port),
                "puppetplane.enrollment.ssh.user", System.getProperty("user.name"),
                "puppetplane.enrollment.ssh.private-key-file", clientKey.toString(),
                "puppetplane.enrollment.ssh.known-hosts-file", knownHosts.toString());
    }

    /** The instance metadata service a cloud instance asks for its address (its certname). */
    private void startMetadataService() throws IOException {
        metadata = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        metadata.createContext("/latest/meta-data/local-ipv4", exchange -> {
            byte[] body = CLOUD.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        metadata.start();
    }

    private Map<String, String> enrollmentConfig(Map<String, String> ssh) throws IOException {
        Path roleFile = work.resolve("etc-role");
        Path agentConfig = work.resolve("state/agent/puppet.conf"); // the plane writes it before it is ready
        Path startAgent = script("start-agent", """
                #!/bin/sh
                # Stands in for starting the puppet service on a machine: one agent run in the background, in this
                # test's directories (never /etc/puppet or /var/lib/puppet), so the SSH command returns at once.
                set -eu
                dir='%1$s'/"$1"
                mkdir -p "$dir/conf" "$dir/var/log" "$dir/var/run"
                cp '%2$s' "$dir/conf/puppet.conf"
                PUPPETPLANE_ROLE_FILE='%3$s' setsid /usr/bin/puppet agent --onetime --no-daemonize --logdest console --color=false \\
                  --waitforcert 10 --certname "$1" --confdir "$dir/conf" --vardir "$dir/var" --ssldir "$dir/ssl" \\
                  --logdir "$dir/var/log" --rundir "$dir/var/run" --codedir "$dir/code" \\
                  </dev/null >"$dir/run.log" 2>&1 &
                echo $! > "$dir/agent.pid"
                """.formatted(work.resolve("agents"), agentConfig, roleFile));
        Path euca = script("euca_conf", """
                #!/bin/sh
                # Stand-in for Eucalyptus' euca_conf: records its arguments; while the test holds the node's address
                # it stays busy (bounded: 60 s), so enrollment-service can be killed in the middle of it.
                echo "$*" >> '%1$s'
                i=0
                while [ -e '%2$s'/"hold-$2" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done
                """.formatted(calls, work));
        Path cloud = work.resolve("cloud");
        Map<String, String> config = new LinkedHashMap<>(ssh);
        config.putAll(Map.of(
                "puppetplane.enrollment.ssh.role-file", roleFile.toString(),
                "puppetplane.enrollment.ssh.agent-start-command", startAgent + " {certname}",
                "puppetplane.enrollment.registration.commands.nc", euca + " --register-nodes {ip} --no-rsync",
                "puppetplane.enrollment.registration.check-commands.nc",
                "grep -qxF -- '--register-nodes '{ip}' --no-rsync' '" + calls + "'",
                "puppetplane.enrollment.reconcile.interval", "1s",
                "puppetplane.outbox.poll-interval", "1s"));
        config.putAll(Map.of(
                "puppetplane.enrollment.cloud.server", LocalControlPlane.SERVER_NAME,
                "puppetplane.enrollment.cloud.metadata-url", "http://127.0.0.1:" + metadata.getAddress().getPort()
                        + "/latest/meta-data/local-ipv4",
                "puppetplane.enrollment.cloud.puppet-conf-dir", cloud.resolve("conf").toString(),
                "puppetplane.enrollment.cloud.role-file", cloud.resolve("role").toString(),
                "puppetplane.enrollment.cloud.agent-install-command", "command -v puppet >/dev/null",
                "puppetplane.enrollment.cloud.agent-start-command", "PUPPETPLANE_ROLE_FILE='" + cloud.resolve("role")
                        + "' /usr/bin/puppet agent --onetime --no-daemonize --logdest console --color=false --waitforcert 10"
                        + " --confdir '" + cloud.resolve("conf") + "' --vardir '" + cloud.resolve("var")
                        + "' --ssldir '" + cloud.resolve("ssl") + "' --logdir '" + cloud.resolve("var/log")
                        + "' --rundir '" + cloud.resolve("var/run") + "' --codedir '" + cloud.resolve("code") + "'"));
        return config;
    }

    private Path script(String name, String text) throws IOException {
        Path file = Files.writeString(work.resolve(name), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** Agents run in the background; a run that outlives the test (a failure) is ended here. */
    private void stopLeftoverAgents() throws IOException {
        Path agents = work.resolve("agents");
        if (!Files.isDirectory(agents)) {
            return;
        }
        try (Stream<Path> pids = Files.list(agents).map(d -> d.resolve("agent.pid")).filter(Files::isRegularFile)) {
            for (Path pid : pids.toList()) {
                ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()))
                        .filter(p -> p.info().commandLine().orElse("").contains("puppet"))
                        .ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    // --- enrollment-service's API ------------------------------------------------------------------------------

    private void createNode(String certname, String address, String kind) throws Exception {
        HttpResponse<String> created = HTTP.send(api(dashboard("/api/v1/nodes"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"certname\":\"" + certname + "\",\"address\":\""
                        + address + "\",\"kind\":\"" + kind + "\",\"role\":\"nc\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), "enrollment-service registers " + certname + ": " + created.body());
    }

    /** Polls the node until it reaches {@code state}; fails early with the history when it fails for good. */
    private String awaitState(String certname, String state) throws Exception {
        long deadline = System.nanoTime() + NODE_TIMEOUT.toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = HTTP.send(api(dashboard("/api/v1/nodes/" + certname))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                body = r.body();
                if (body.contains("\"state\":\"" + state + "\"")) {
                    return body;
                }
            } catch (IOException restarting) {
                body = "enrollment-service not answering: " + restarting;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(certname + " did not reach " + state + " within " + NODE_TIMEOUT + ": " + body
                + "\nhistory: " + history(certname) + "\nagent: " + agentLog(certname));
    }

    /** The node's agent run in the background; its complete output once it ended (bounded). */
    private String awaitAgentRun(String certname) throws Exception {
        Path dir = work.resolve("agents").resolve(certname);
        long pid = Long.parseLong(Files.readString(dir.resolve("agent.pid")).strip());
        Optional<ProcessHandle> agent = ProcessHandle.of(pid);
        if (agent.isPresent()) {
            agent.get().onExit().get(60, TimeUnit.SECONDS);
        }
        return Files.readString(dir.resolve("run.log"));
    }

    private String agentLog(String certname) {
        try {
            return Files.readString(work.resolve("agents").resolve(certname).resolve("run.log"));
        } catch (IOException e) {
            return "(no agent log)";
        }
    }

    private String history(String certname) throws Exception {
        return HTTP.send(api(dashboard("/api/v1/nodes/" + certname + "/history")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private List<String> states(String certname) throws Exception {
        Matcher m = TO_STATE.matcher(history(certname));
        List<String> states = new ArrayList<>();
        while (m.find()) {
            states.add(m.group(1));
        }
        return states;
    }

    /** The stand-in's recorded calls for one address. */
    private List<String> calls(String address) {
        try {
            if (!Files.exists(calls)) {
                return List.of();
            }
            return Files.readAllLines(calls).stream().filter(l -> l.contains(" " + address + " ")).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request to enrollment-service's API as the plane's first admin. */
    private HttpRequest.Builder api(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", plane.operators().basicAuthorization());
    }

    private static URI dashboard(String path) {
        return URI.create("http://127.0.0.1:" + LocalControlPlane.DASHBOARD_PORT + path);
    }

    // --- ca-service and Kafka ------------------------------------------------------------------------------------

    private X509CRL crl() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", certificate(work.resolve("state/tls/enrollment/ca.pem")));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            HttpClient https = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<InputStream> r = https.send(HttpRequest.newBuilder(URI.create("https://"
                    + LocalControlPlane.SERVER_NAME + ":" + LocalControlPlane.CA_PORT
                    + "/puppet-ca/v1/certificate_revocation_list/ca")).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the CA's CRL: " + e.getMessage(), e);
        }
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** What ca-service said about the node's CSR (the csr-submitted event on the certificates topic). */
    private static String csrDecision(String certname) {
        Pattern decision = Pattern.compile("\"autosignDecision\":\"([^\"]*)\"");
        for (String value : records("puppetplane.certificates", certname, Duration.ofSeconds(30),
                v -> v != null && v.contains("csr-submitted"))) {
            if (value != null && value.contains("csr-submitted")) {
                Matcher m = decision.matcher(value);
                return m.find() ? m.group(1) : value;
            }
        }
        return "(no csr-submitted event for " + certname + ")";
    }

    /**
     * The last record for the node on the classification topic once a tombstone or a removal arrived: empty for a
     * tombstone, the value otherwise; null when neither arrived in time.
     */
    private static Optional<String> latestClassification(String certname) {
        List<String> values = records("puppetplane.classification", certname, Duration.ofSeconds(30),
                v -> v == null || v.contains("\"removed\""));
        if (values.isEmpty()) {
            return null;
        }
        return Optional.ofNullable(values.get(values.size() - 1));
    }

    /** Values for one key, read from the beginning until one satisfies {@code until} or the time is up. */
    private static List<String> records(String topic, String key, Duration timeout,
            java.util.function.Predicate<String> until) {
        Properties props = new Properties();
        props.putAll(Map.of("bootstrap.servers", "127.0.0.1:" + LocalControlPlane.KAFKA_PORT,
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName(),
                "group.id", "enrollment-e2e-" + System.nanoTime(), "auto.offset.reset", "earliest"));
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        values.add(r.value());
                        if (until.test(r.value())) {
                            return values;
                        }
                    }
                }
            }
        }
        return List.of();
    }

    // --- small things ------------------------------------------------------------------------------------------

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitCondition(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + NODE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.holds()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out after " + NODE_TIMEOUT + " waiting for " + what);
    }

    private static boolean listening(String address, int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new InetSocketAddress(address, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static void exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " finishes");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": "
                + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
