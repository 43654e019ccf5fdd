package io.puppetplane.ca.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's real puppet agent with its own confdir/vardir/ssldir, pointed at the test's CA port on 127.0.0.1. */
final class PuppetAgent {

    static final Path PUPPET = Path.of("/usr/bin/puppet");

    /** Exit code and combined output of one run. */
    record Run(int exitCode, String output) {
    }

    private final Path home;
    private final String certname;
    private final int caPort;

    PuppetAgent(Path home, String certname, int caPort) {
        this.home = home;
        this.certname = certname;
        this.caPort = caPort;
    }

    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(PUPPET), "Debian's puppet-agent (/usr/bin/puppet) is not installed; "
                + ".ci/run installs it");
    }

    Path ssldir() {
        return home.resolve("ssl");
    }

    Path certificate() {
        return ssldir().resolve("certs").resolve(certname + ".pem");
    }

    /** {@code puppet ssl bootstrap --waitforcert 0}: fetch CA and CRL, submit a CSR, download the certificate. */
    Run bootstrap() throws IOException, InterruptedException {
        return puppet("ssl", "bootstrap", "--waitforcert", "0");
    }

    Run verify() throws IOException, InterruptedException {
        return puppet("ssl", "verify");
    }

    private Run puppet(String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(PUPPET.toString()));
        args.addAll(List.of(command));
        args.addAll(List.of("--confdir", home.resolve("conf").toString(), "--vardir", home.resolve("var").toString(),
                "--ssldir", ssldir().toString(), "--logdir", home.resolve("log").toString(),
                "--rundir", home.resolve("run").toString(), "--certname", certname,
                "--server", "127.0.0.1", "--ca_server", "127.0.0.1", "--ca_port", String.valueOf(caPort),
                "--keylength", "2048"));
        Files.createDirectories(home.resolve("conf"));
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
