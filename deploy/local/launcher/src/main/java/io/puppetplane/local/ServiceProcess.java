package io.puppetplane.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service of the plane as a child JVM, with its log file and its readiness probe. */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final Map<String, String> config;
    private final int managementPort;
    private final Path logFile;
    private final List<String> jvmOptions;
    private Process process;

    public ServiceProcess(String name, Path jar, Map<String, String> config, int managementPort, Path logFile,
            List<String> jvmOptions) {
        this.name = name;
        this.jar = jar;
        this.config = config;
        this.managementPort = managementPort;
        this.logFile = logFile;
        this.jvmOptions = jvmOptions;
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public void start() throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException(name + " is not built: " + jar + " is missing (run ./mvnw -B -DskipTests install)");
        }
        Files.createDirectories(logFile.getParent());
        TrainedClassData classData = TrainedClassData.of(jar);
        Path training = classData.exists() ? null : classData.newTrainingFile();
        ProcessBuilder builder = new ProcessBuilder(command(classData, training));
        // glibc would otherwise keep up to 8 malloc arenas per core, tens of MB of RSS the JVM never asked for
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        Process started = builder
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        process = started;
        if (training != null) {
            started.onExit().thenRun(() -> classData.adopt(training, started.exitValue()));
        }
    }

    /**
     * The java command line. The first start of a build trains a class-data archive of everything this service loads
     * while it runs (written by its JVM at exit); later starts begin from it, with their classes pre-parsed and
     * pre-verified. A JVM that cannot use the archive says so in the log and starts without it.
     */
    List<String> command(TrainedClassData classData, Path training) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        if (training == null) {
            command.add("-XX:SharedArchiveFile=" + classData.archive());
        } else {
            command.add("-XX:ArchiveClassesAtExit=" + training);
            // one warning per class the archive leaves out (about a thousand) is noise in the service log
            command.add("-Xlog:cds=off,cds+dynamic=off");
        }
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /** Starts the service again after it stopped or was killed: same configuration, same log (appended). */
    public void restart() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException(name + " is still running (pid " + process.pid() + ")");
        }
        start();
    }

    /** Waits until the service reports ready, or fails naming the log to read. */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI ready = URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with status " + process.exitValue() + "; see " + logFile);
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IOException(name + " was not ready within " + timeout.toSeconds() + " s; see " + logFile);
    }

    public long pid() {
        return process.pid();
    }

    /** Resident memory of the service in kB, read from /proc; -1 where that is not available. */
    public long residentKilobytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** SIGTERM, so the service drains its requests; SIGKILL only if it does not exit in time. */
    public void stop(Duration grace) throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Sends SIGTERM and returns at once, as an orchestrator does when it scales a replica down. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL: the replica vanishes mid-request, as when its machine dies. */
    public void kill() {
        process.destroyForcibly();
    }

    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }
}
