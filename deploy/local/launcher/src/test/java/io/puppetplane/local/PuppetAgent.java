package io.puppetplane.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's real {@code puppet agent}, isolated in its own directories so several agents (certnames) can run on
 * this machine without touching /etc/puppet or /var/lib/puppet: Debian 12's 7.23 on the host, or Debian 13's 8.10
 * run with {@code chroot} in a Debian 13 root (which shares the host's loopback, so it dials the plane the same way).
 */
final class PuppetAgent {

    static final Path PUPPET = Path.of("/usr/bin/puppet");
    /** Where the Debian 13 root is: system property, else environment variable, else this default. */
    static final String PUPPET8_ROOT_PROPERTY = "puppetplane.test.puppet8-root";
    static final String PUPPET8_ROOT_ENV = "PUPPETPLANE_PUPPET8_ROOT";
    static final Path PUPPET8_ROOT_DEFAULT = Path.of("/var/tmp/trixie-root");

    private final Optional<Path> root;
    private final Path dir;
    private final String certname;
    private final Map<String, String> environment;

    /** An agent of the host's puppet, keeping its files under {@code baseDir/certname}. */
    PuppetAgent(Path baseDir, Path generatedConfig, String certname, Map<String, String> environment) throws IOException {
        this(Optional.empty(), baseDir, generatedConfig, certname, environment);
    }

    /**
     * An agent of the Debian 13 root's puppet (8.10). {@code baseDir} is a host path inside that root (see
     * {@link #puppet8Directory}); paths in {@code environment} must be as the agent sees them ({@link #inRoot}).
     */
    static PuppetAgent puppet8(Path baseDir, Path generatedConfig, String certname, Map<String, String> environment)
            throws IOException {
        return new PuppetAgent(Optional.of(puppet8Root()), baseDir, generatedConfig, certname, environment);
    }

    private PuppetAgent(Optional<Path> root, Path baseDir, Path generatedConfig, String certname,
            Map<String, String> environment) throws IOException {
        this.root = root;
        this.dir = baseDir.resolve(certname);
        this.certname = certname;
        this.environment = environment;
        root.ifPresent(r -> {
            if (!dir.toAbsolutePath().normalize().startsWith(r)) {
                throw new IllegalArgumentException(dir + " is not inside the Debian 13 root " + r);
            }
        });
        Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("var"));
        Files.copy(generatedConfig, dir.resolve("conf/puppet.conf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    String certname() {
        return certname;
    }

    static boolean installed() {
        return Files.isExecutable(PUPPET);
    }

    /**
     * Why puppet 8 cannot run here (no Debian 13 root with puppet-agent, no proc in it, not root for chroot), or
     * empty when it can.
     */
    static Optional<String> puppet8Unavailable() {
        Path root = puppet8Root();
        if (!Files.isExecutable(root.resolve("usr/bin/puppet"))) {
            return Optional.of("no Debian 13 root with puppet-agent 8 at " + root + " (set -D" + PUPPET8_ROOT_PROPERTY
                    + " or " + PUPPET8_ROOT_ENV + "; .ci/run makes it with debootstrap)");
        }
        if (!Files.isDirectory(root.resolve("proc/self"))) {
            return Optional.of("proc is not mounted in " + root + " (mount -t proc proc " + root.resolve("proc") + ")");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("running puppet 8 from " + root + " needs chroot, so root");
        }
        return Optional.empty();
    }

    static Path puppet8Root() {
        String configured = System.getProperty(PUPPET8_ROOT_PROPERTY, System.getenv(PUPPET8_ROOT_ENV));
        return (configured == null || configured.isBlank() ? PUPPET8_ROOT_DEFAULT : Path.of(configured))
                .toAbsolutePath().normalize();
    }

    /** A fresh directory in the Debian 13 root's /tmp (as the host sees it) for puppet 8 agents' files. */
    static Path puppet8Directory(String prefix) throws IOException {
        return Files.createTempDirectory(Files.createDirectories(puppet8Root().resolve("tmp")), prefix);
    }

    /** A host path inside the Debian 13 root as a chrooted agent sees it. */
    static Path inRoot(Path hostPath) {
        Path root = puppet8Root();
        Path absolute = hostPath.toAbsolutePath().normalize();
        if (!absolute.startsWith(root)) {
            throw new IllegalArgumentException(hostPath + " is not inside the Debian 13 root " + root);
        }
        return Path.of("/").resolve(root.relativize(absolute));
    }

    /** {@code puppet agent -t} (detailed exit codes: 0 no change, 2 changes, 4/6 failures, 1 error). */
    Result test(String... extraArgs) throws IOException, InterruptedException {
        return run(List.of("agent", "--test"), Map.of(), extraArgs);
    }

    /** {@code puppet agent -t} with more environment for this run (e.g. {@code FACTER_x} for a fact x). */
    Result test(Map<String, String> runEnvironment, String... extraArgs) throws IOException, InterruptedException {
        return run(List.of("agent", "--test"), runEnvironment, extraArgs);
    }

    /**
     * {@code puppet ssl bootstrap}: enrolls (CSR, autosign, certificate, CRL) without fetching or applying a
     * catalog, so a test can act on the certificate before the node's first run.
     */
    Result bootstrapCertificate(String... extraArgs) throws IOException, InterruptedException {
        return run(List.of("ssl", "bootstrap"), Map.of(), extraArgs);
    }

    private Result run(List<String> subcommand, Map<String, String> runEnvironment, String... extraArgs)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        root.ifPresent(r -> command.addAll(List.of("chroot", r.toString())));
        command.add(PUPPET.toString());
        command.addAll(subcommand);
        Path agentDir = root.isPresent() ? inRoot(dir) : dir;
        command.addAll(List.of("--color=false",
                "--certname", certname,
                "--confdir", agentDir.resolve("conf").toString(),
                "--vardir", agentDir.resolve("var").toString(),
                // Debian puts ssldir under /var/lib/puppet whatever the confdir; keep each agent's keys its own.
                "--ssldir", agentDir.resolve("ssl").toString(),
                "--logdir", agentDir.resolve("var/log").toString(),
                "--rundir", agentDir.resolve("var/run").toString(),
                "--codedir", agentDir.resolve("code").toString()));
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().putAll(runEnvironment);
        Path output = Files.createTempFile(dir, "run", ".log");
        builder.redirectOutput(output.toFile());
        long began = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(Duration.ofMinutes(3).toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("puppet " + String.join(" ", subcommand) + " for " + certname
                    + " did not finish within 3 minutes:\n" + Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output),
                Duration.ofNanos(System.nanoTime() - began));
    }

    /** The last run's report as the agent keeps it ({@code lastrunreport}), whether or not it could send it. */
    Path lastRunReport() {
        return dir.resolve("var/state/last_run_report.yaml");
    }

    /** The agent's certificate, key and CA bundle (after enrollment), for requests made on its behalf. */
    Path certificate() {
        return dir.resolve("ssl/certs/" + certname + ".pem");
    }

    Path privateKey() {
        return dir.resolve("ssl/private_keys/" + certname + ".pem");
    }

    Path caBundle() {
        return dir.resolve("ssl/certs/ca.pem");
    }

    Path directory() {
        return dir;
    }

    /**
     * Asks {@code url} with this agent's own certificate (curl reads the agent's PEM key as it is) until it answers
     * 403, as a service that learned of the revocation does; returns how long that took. Fails after 60 s.
     */
    Duration awaitRefusalBy(String url) throws IOException, InterruptedException {
        long began = System.nanoTime();
        long deadline = began + Duration.ofSeconds(60).toNanos();
        String status = "";
        while (System.nanoTime() < deadline) {
            Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10",
                    "--cacert", caBundle().toString(), "--cert", certificate().toString(),
                    "--key", privateKey().toString(), url).redirectErrorStream(true).start();
            status = new String(curl.getInputStream().readAllBytes()).trim();
            curl.waitFor();
            if (status.equals("403")) {
                return Duration.ofNanos(System.nanoTime() - began);
            }
            Thread.sleep(50);
        }
        throw new AssertionError(url + " still answers " + status + " to a revoked certificate after 60 s");
    }

    /** What one run printed and how it ended. */
    record Result(int exitCode, String output, Duration took) {
        boolean succeeded() {
            return exitCode == 0 || exitCode == 2;
        }

        /**
         * Whether the server answered the report's PUT with success: the agent's exit code does not say (it exits 0
         * when its report could not be sent), its log does.
         */
        boolean reportAcknowledged() {
            return !output.contains("Could not send report");
        }
    }
}
