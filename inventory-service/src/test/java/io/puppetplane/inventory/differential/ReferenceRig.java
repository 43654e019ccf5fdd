package io.puppetplane.inventory.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds or starts the servers a differential or client test talks to.
 *
 * <p>A URL given as a system property is used as it is (it must already answer "running" on
 * /status/v1/services/puppetdb-status, and for the differential test hold nothing yet). Without one, a fresh
 * Debian PuppetDB 7.12.1 is started with {@code reference-puppetdb start --fresh} on the given loopback port and
 * stopped again by {@link #close()} (unless {@code -Dpdb.keep=true}). When PuppetDB is not installed or the JVM
 * is not root (PostgreSQL runs under runuser), the calling test is skipped with a message saying so.
 */
public final class ReferenceRig implements AutoCloseable {

    public static final Path PUPPETDB_JAR = Path.of("/usr/share/puppetdb/puppetdb.jar");

    private final Path dir;
    private final List<Integer> started = new ArrayList<>();

    public ReferenceRig() {
        this.dir = differentialDir();
    }

    /** src/test/differential: -Ddifferential.dir, else found from the working directory. */
    public static Path differentialDir() {
        String p = System.getProperty("differential.dir");
        if (p != null) {
            return Path.of(p).toAbsolutePath();
        }
        for (String c : List.of("src/test/differential", "inventory-service/src/test/differential",
                "../inventory-service/src/test/differential")) {
            if (Files.isDirectory(Path.of(c))) {
                return Path.of(c).toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("cannot find src/test/differential; give -Ddifferential.dir=PATH");
    }

    public Path dir() {
        return dir;
    }

    /**
     * The URLs named by the properties, or fresh references started on the ports, all at once (each PuppetDB
     * takes one to two minutes to start on two cores).
     */
    public List<String> urls(List<String> properties, List<Integer> ports) {
        List<String> urls = new ArrayList<>();
        List<Process> starting = new ArrayList<>();
        List<Integer> startingPorts = new ArrayList<>();
        for (int i = 0; i < properties.size(); i++) {
            String given = System.getProperty(properties.get(i));
            if (given != null && !given.isBlank()) {
                PdbHttp h = new PdbHttp(given);
                Assumptions.assumeTrue(h.isRunning(), properties.get(i) + "=" + given
                        + " does not answer state running on /status/v1/services/puppetdb-status");
                urls.add(h.base());
                continue;
            }
            assumeReferenceCanStart();
            int port = ports.get(i);
            urls.add("http://127.0.0.1:" + port);
            starting.add(start(port));
            startingPorts.add(port);
        }
        for (int i = 0; i < starting.size(); i++) {
            Process p = starting.get(i);
            try {
                if (!p.waitFor(600, TimeUnit.SECONDS)) {
                    p.destroy();
                    throw new IllegalStateException("reference-puppetdb start did not finish in 600 s");
                }
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("reference-puppetdb start --port " + startingPorts.get(i)
                            + " failed: " + out);
                }
                System.out.println("[rig] " + out.strip());
                started.add(startingPorts.get(i));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return urls;
    }

    /** Skips the calling test unless Debian's PuppetDB is installed and the JVM may start it. */
    public static void assumeReferenceCanStart() {
        Assumptions.assumeTrue(Files.exists(PUPPETDB_JAR),
                "Debian's PuppetDB 7.12.1 is not installed (" + PUPPETDB_JAR + " is missing): run "
                        + "`inventory-service/src/test/differential/reference-puppetdb install` as root, or give "
                        + "-Dpdb.reference.url/-Dpdb.candidate.url of running servers");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/lib/postgresql/15/bin/initdb")),
                "Debian's PostgreSQL 15 (postgresql-15), on which the reference PuppetDB runs, is not installed");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "starting the reference PuppetDB needs root (PostgreSQL runs under runuser -u postgres)");
    }

    private Process start(int port) {
        try {
            return new ProcessBuilder(dir.resolve("reference-puppetdb").toString(), "start", "--fresh", "--port",
                    Integer.toString(port), "--state", "/tmp/pdbdiff-" + port)
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (Boolean.getBoolean("pdb.keep")) {
            started.forEach(p -> System.out.println("[rig] left running: http://127.0.0.1:" + p
                    + " (stop: reference-puppetdb stop --port " + p + " --state /tmp/pdbdiff-" + p + ")"));
            return;
        }
        for (int port : started) {
            try {
                new ProcessBuilder(dir.resolve("reference-puppetdb").toString(), "stop", "--port",
                        Integer.toString(port), "--state", "/tmp/pdbdiff-" + port).inheritIO().start()
                        .waitFor(120, TimeUnit.SECONDS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
