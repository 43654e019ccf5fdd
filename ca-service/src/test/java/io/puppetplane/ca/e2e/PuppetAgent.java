package io.puppetplane.ca.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real puppet agent with its own confdir/vardir/ssldir, pointed at the test's CA port on 127.0.0.1: Debian 12's
 * (7.23, on the host) or Debian 13's (8.10, run with {@code chroot} in a Debian 13 root, which shares the host's
 * loopback).
 */
final class PuppetAgent {

    static final Path PUPPET = Path.of("/usr/bin/puppet");
    /** Where the Debian 13 root is: system property, else environment variable, else this default. */
    static final String PUPPET8_ROOT_PROPERTY = "puppetplane.test.puppet8-root";
    static final String PUPPET8_ROOT_ENV = "PUPPETPLANE_PUPPET8_ROOT";
    static final Path PUPPET8_ROOT_DEFAULT = Path.of("/var/tmp/trixie-root");

    /** Exit code and combined output of one run. */
    record Run(int exitCode, String output) {
    }

    private final Optional<Path> root;
    private final Path home;
    private final String certname;
    private final int caPort;

    /** An agent of the host's puppet, keeping its files under {@code home}. */
    PuppetAgent(Path home, String certname, int caPort) {
        this(Optional.empty(), home, certname, caPort);
    }

    private PuppetAgent(Optional<Path> root, Path home, String certname, int caPort) {
        this.root = root;
        this.home = home;
        this.certname = certname;
        this.caPort = caPort;
    }

    /** An agent of the Debian 13 root's puppet (8.10), keeping its files in a fresh directory inside the root. */
    static PuppetAgent puppet8(String certname, int caPort) throws IOException {
        Path root = puppet8Root();
        Path inside = Files.createTempDirectory(Files.createDirectories(root.resolve("tmp")), "agent-");
        return new PuppetAgent(Optional.of(root), Path.of("/").resolve(root.relativize(inside)), certname, caPort);
    }

    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(PUPPET), "Debian's puppet-agent (/usr/bin/puppet) is not installed; "
                + ".ci/run installs it");
    }

    /** Skips unless the Debian 13 root with puppet-agent 8 exists and this process may chroot into it. */
    static void assumePuppet8Root() {
        Path root = puppet8Root();
        assumeTrue(Files.isExecutable(root.resolve("usr/bin/puppet")), "no Debian 13 root with puppet-agent 8 at "
                + root + " (set -D" + PUPPET8_ROOT_PROPERTY + " or " + PUPPET8_ROOT_ENV + "; .ci/run makes it with "
                + "debootstrap)");
        assumeTrue(Files.isDirectory(root.resolve("proc/self")), "proc is not mounted in " + root
                + " (mount -t proc proc " + root.resolve("proc") + ")");
        assumeTrue("root".equals(System.getProperty("user.name")), "running puppet 8 from " + root
                + " needs chroot, so root");
    }

    static Path puppet8Root() {
        String configured = System.getProperty(PUPPET8_ROOT_PROPERTY, System.getenv(PUPPET8_ROOT_ENV));
        return configured == null || configured.isBlank() ? PUPPET8_ROOT_DEFAULT : Path.of(configured);
    }

    /** The ssldir as this test process sees it. */
    Path ssldir() {
        return onHost(home.resolve("ssl"));
    }

    Path certificate() {
        return ssldir().resolve("certs").resolve(certname + ".pem");
    }

    /** {@code puppet ssl bootstrap --waitforcert 0}: fetch CA and CRL, submit a CSR, download the certificate. */
    Run bootstrap(String... settings) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ssl", "bootstrap", "--waitforcert", "0", "--verbose"));
        command.addAll(List.of(settings));
        return puppet(command.toArray(String[]::new));
    }

    Run verify() throws IOException, InterruptedException {
        return puppet("ssl", "verify");
    }

    private Path onHost(Path agentPath) {
        return root.map(r -> r.resolve(Path.of("/").relativize(agentPath))).orElse(agentPath);
    }

    private Run puppet(String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        root.ifPresent(r -> args.addAll(List.of("chroot", r.toString())));
        args.add(PUPPET.toString());
        args.addAll(List.of(command));
        args.addAll(List.of("--confdir", home.resolve("conf").toString(), "--vardir", home.resolve("var").toString(),
                "--ssldir", home.resolve("ssl").toString(), "--logdir", home.resolve("log").toString(),
                "--rundir", home.resolve("run").toString(), "--certname", certname,
                "--server", "127.0.0.1", "--ca_server", "127.0.0.1", "--ca_port", String.valueOf(caPort),
                "--keylength", "2048"));
        Files.createDirectories(onHost(home.resolve("conf")));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("puppet " + String.join(" ", command) + " did not finish in 120 s");
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
