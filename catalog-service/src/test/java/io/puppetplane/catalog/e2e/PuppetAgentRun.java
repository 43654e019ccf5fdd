package io.puppetplane.catalog.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.puppetplane.trust.testing.TestCertificateAuthority;

/**
 * One run of Debian's real {@code puppet agent -t} against the service, in a private confdir, vardir and ssldir
 * whose SSL files are made here (CA certificate, CRL, the node's certificate and key), so no CA is involved.
 */
public final class PuppetAgentRun {

    private static final long TIMEOUT_SECONDS = 240;

    public record Result(int exitCode, String output, Path vardir) {
    }

    private PuppetAgentRun() {
    }

    /**
     * @param facterEnv extra environment variables for the agent (FACTER_x facts, PUPPETPLANE_ROLE_FILE)
     */
    public static Result run(Path work, String certname, int port, String environment, boolean noop,
                             TestCertificateAuthority ca, Path crl, Map<String, String> facterEnv) {
        try {
            Path confdir = Files.createDirectories(work.resolve("conf"));
            Path vardir = Files.createDirectories(work.resolve("var"));
            Path ssldir = work.resolve("ssl");
            Files.createDirectories(ssldir.resolve("certs"));
            Files.createDirectories(ssldir.resolve("private_keys"));
            TestCertificateAuthority.IssuedCertificate node = ca.issueClient(certname, Map.of());
            Files.writeString(ssldir.resolve("certs/ca.pem"), TestCertificateAuthority.pem(ca.certificate()));
            Files.copy(crl, ssldir.resolve("crl.pem"));
            Files.writeString(ssldir.resolve("certs/" + certname + ".pem"), TestCertificateAuthority.pem(node.certificate()));
            Files.writeString(ssldir.resolve("private_keys/" + certname + ".pem"), TestCertificateAuthority.pem(node.key()));
            Files.writeString(confdir.resolve("puppet.conf"), "[main]\nreport = true\n");
            List<String> command = new ArrayList<>(List.of("/usr/bin/puppet", "agent", "-t",
                "--confdir", confdir.toString(), "--vardir", vardir.toString(), "--ssldir", ssldir.toString(),
                "--codedir", work.resolve("code").toString(), "--logdir", work.resolve("log").toString(),
                "--rundir", work.resolve("run").toString(), "--publicdir", work.resolve("public").toString(),
                "--certname", certname, "--server", "localhost", "--serverport", String.valueOf(port),
                "--environment", environment, "--no-daemonize"));
            if (noop) {
                command.add("--noop");
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("agent.log").toFile());
            builder.environment().putAll(facterEnv);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("puppet agent did not finish in " + TIMEOUT_SECONDS + " s:\n"
                    + Files.readString(work.resolve("agent.log")));
            }
            return new Result(process.exitValue(), Files.readString(work.resolve("agent.log"), StandardCharsets.UTF_8),
                vardir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
