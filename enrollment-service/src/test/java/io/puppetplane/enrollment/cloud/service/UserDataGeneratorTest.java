package io.puppetplane.enrollment.cloud.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import io.puppetplane.enrollment.cloud.config.CloudConfig;
import io.puppetplane.enrollment.node.repository.Node;
import io.puppetplane.enrollment.node.repository.NodeKind;
import io.puppetplane.enrollment.node.repository.NodeState;

/**
 * Runs the generated first-run script for real with /bin/sh and curl against a stand-in instance metadata service
 * on 127.0.0.1, then reads what it wrote with Debian's real Puppet.
 */
class UserDataGeneratorTest {

    @TempDir
    Path dir;
    private HttpServer metadata;

    @BeforeEach
    void startMetadataService() throws IOException {
        metadata = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        metadata.createContext("/latest/meta-data/local-ipv4", exchange -> {
            byte[] body = "10.1.2.3".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        metadata.start();
    }

    @AfterEach
    void stopMetadataService() {
        metadata.stop(0);
    }

    @Test
    void scriptConfiguresAnAgentThatPuppetReadsWithItsTokenAsChallengePassword() throws Exception {
        Result run = runScript(node("10.1.2.3"), "tok-123.ABC");

        assertEquals(0, run.exit(), "the script succeeds: " + run.output());
        assertEquals("nc\n", Files.readString(dir.resolve("role")), "role file written");
        assertEquals("installed\nstarted\n", Files.readString(dir.resolve("steps.log")),
                "agent installed before it is started");
        assertEquals(java.util.Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(dir.resolve("puppet/csr_attributes.yaml")), "the token is private");

        String settings = exec("puppet", "config", "print", "certname", "server", "serverport", "ca_server", "ca_port",
                "--confdir", dir.resolve("puppet").toString(), "--vardir", dir.resolve("var").toString(),
                "--section", "agent");
        assertTrue(settings.contains("certname = 10.1.2.3"), "certname from instance metadata: " + settings);
        assertTrue(settings.contains("server = puppet.example.com") && settings.contains("serverport = 8140")
                && settings.contains("ca_server = ca.example.com") && settings.contains("ca_port = 8141"),
                "servers from configuration: " + settings);

        String attributes = exec("ruby", "-e", "require 'puppet'; a = Puppet::SSL::CertificateRequestAttributes"
                + ".new(ARGV[0]); a.load; puts a.custom_attributes.inspect",
                dir.resolve("puppet/csr_attributes.yaml").toString());
        assertTrue(attributes.contains("\"1.2.840.113549.1.9.7\"=>\"tok-123.ABC\""),
                "Puppet reads the token as challengePassword: " + attributes);
    }

    @Test
    void scriptStopsWhenTheInstanceIsNotTheNodeItWasMadeFor() throws Exception {
        Result run = runScript(node("10.9.9.9"), "tok");

        assertEquals(1, run.exit(), "a mismatched certname stops the script");
        assertTrue(run.output().contains("made for 10.9.9.9"), "it says why: " + run.output());
        assertFalse(Files.exists(dir.resolve("puppet/puppet.conf")), "nothing configured");
    }

    @Test
    void tokenWithShellCharactersIsRefused() {
        UserDataGenerator generator = new UserDataGenerator(config());
        assertThrows(IllegalStateException.class, () -> generator.userData(node("10.1.2.3"), "x\"; rm -rf /"),
                "a token is never pasted into the script unchecked");
    }

    private Result runScript(Node node, String token) throws Exception {
        Path script = dir.resolve("user-data.sh");
        Files.writeString(script, new UserDataGenerator(config()).userData(node, token));
        Process p = new ProcessBuilder("/bin/sh", script.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the script finishes");
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static String exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " finishes");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static Node node(String certname) {
        Instant t = Instant.parse("2026-11-24T12:00:00Z");
        return new Node(certname, certname, NodeKind.CLOUD_INSTANCE, "nc", Map.of(), NodeState.ROLE_ASSIGNED, t, null,
                0, null, null, t, t);
    }

    private CloudConfig config() {
        String metadataUrl = "http://127.0.0.1:" + metadata.getAddress().getPort() + "/latest/meta-data/local-ipv4";
        Path log = dir.resolve("steps.log");
        return new CloudConfig() {
            public String server() {
                return "puppet.example.com";
            }

            public int serverPort() {
                return 8140;
            }

            public Optional<String> caServer() {
                return Optional.of("ca.example.com");
            }

            public int caPort() {
                return 8141;
            }

            public String metadataUrl() {
                return metadataUrl;
            }

            public String puppetConfDir() {
                return dir.resolve("puppet").toString();
            }

            public String roleFile() {
                return dir.resolve("role").toString();
            }

            public String agentInstallCommand() {
                return "echo installed >> '" + log + "'";
            }

            public String agentStartCommand() {
                return "echo started >> '" + log + "'";
            }
        };
    }

    private record Result(int exit, String output) {
    }
}
