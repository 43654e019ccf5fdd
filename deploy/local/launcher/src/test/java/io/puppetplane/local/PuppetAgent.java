package io.puppetplane.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's real {@code puppet agent}, isolated in its own directories so several agents (certnames) can run on
 * this machine without touching /etc/puppet or /var/lib/puppet.
 */
final class PuppetAgent {

    static final Path PUPPET = Path.of("/usr/bin/puppet");

    private final Path dir;
    private final String certname;
    private final Map<String, String> environment;

    PuppetAgent(Path baseDir, Path generatedConfig, String certname, Map<String, String> environment) throws IOException {
        this.dir = baseDir.resolve(certname);
        this.certname = certname;
        this.environment = environment;
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
        List<String> command = new ArrayList<>(List.of(PUPPET.toString()));
        command.addAll(subcommand);
        command.addAll(List.of("--color=false",
                "--certname", certname,
                "--confdir", dir.resolve("conf").toString(),
                "--vardir", dir.resolve("var").toString(),
                // Debian puts ssldir under /var/lib/puppet whatever the confdir; keep each agent's keys its own.
                "--ssldir", dir.resolve("ssl").toString(),
                "--logdir", dir.resolve("var/log").toString(),
                "--rundir", dir.resolve("var/run").toString(),
                "--codedir", dir.resolve("code").toString()));
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().putAll(runEnvironment);
        Path output = Files.createTempFile(dir, "run", ".log");
        builder.redirectOutput(output.toFile());
        long began = System.nanoTime();
        Process process = builder.start();
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
