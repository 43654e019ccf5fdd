package io.puppetplane.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's haproxy in TCP mode in front of several catalog-service replicas, as a load balancer or anycast address
 * would be in a data centre. TLS passes through, so agents still see the replicas' certificates (whose SANs name
 * the balanced address). A replica leaves the pool as soon as its readiness probe fails (it reports DOWN while it
 * drains on SIGTERM); connections that cannot be made to a dead replica are redispatched to another.
 */
public final class CatalogLoadBalancer {

    private final Path configFile;
    private final Path logFile;
    private Process process;

    public CatalogLoadBalancer(Path dir, String bindAddress, int port, List<Backend> backends) throws IOException {
        Files.createDirectories(dir);
        this.configFile = dir.resolve("haproxy.cfg");
        this.logFile = dir.resolve("haproxy.log");
        StringBuilder cfg = new StringBuilder("""
                global
                    maxconn 2000
                defaults
                    mode tcp
                    timeout connect 2s
                    timeout client 10m
                    timeout server 10m
                    retries 3
                    option redispatch
                frontend puppet
                    bind %s:%d
                    default_backend catalog
                backend catalog
                    balance roundrobin
                    option httpchk GET /q/health/ready
                    http-check expect status 200
                """.formatted(bindAddress, port));
        for (Backend b : backends) {
            cfg.append("    server %s 127.0.0.1:%d check port %d inter 300 fall 1 rise 2\n"
                    .formatted(b.name(), b.port(), b.managementPort()));
        }
        Files.writeString(configFile, cfg.toString());
    }

    public void start() throws IOException {
        Path haproxy = Path.of("/usr/sbin/haproxy");
        if (!Files.isExecutable(haproxy)) {
            throw new IOException("several catalog replicas need Debian's haproxy: apt-get install -y haproxy");
        }
        Process check = new ProcessBuilder(haproxy.toString(), "-c", "-q", "-f", configFile.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        try {
            if (!check.waitFor(10, TimeUnit.SECONDS) || check.exitValue() != 0) {
                throw new IOException("haproxy refused its configuration " + configFile + "; see " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while checking the haproxy configuration", e);
        }
        // -db: stay in the foreground so that this process owns it and stops it.
        process = new ProcessBuilder(haproxy.toString(), "-db", "-f", configFile.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
    }

    public void stop(Duration grace) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** One catalog replica: its HTTPS port and the management port its health check uses. */
    public record Backend(String name, int port, int managementPort) {
    }
}
