package io.puppetplane.enrollment.ssh.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.puppetplane.enrollment.node.repository.Node;
import io.puppetplane.enrollment.node.repository.NodeKind;
import io.puppetplane.enrollment.node.repository.NodeState;
import io.puppetplane.enrollment.ssh.config.SshConfig;

/** The remote command, run here with /bin/sh as the node's shell would run it. */
class SshAgentStarterTest {

    @TempDir
    Path dir;

    @Test
    void startCommandNamesTheNodesCertnameAndRoleQuoted() throws Exception {
        Path started = dir.resolve("started");
        SshAgentStarter starter = new SshAgentStarter(null, config("echo {certname} {role} > '" + started + "'"));

        String out = sh(starter.command(node("node1.metal.test", "nc")));

        assertEquals("node1.metal.test nc\n", Files.readString(started), "placeholders replaced by the node's");
        assertEquals("nc\n", Files.readString(dir.resolve("role")), "role file written before the agent starts");
        assertTrue(out.contains(SshAgentStarter.WRITTEN), "first run writes the role file: " + out);
        assertTrue(sh(starter.command(node("node1.metal.test", "nc"))).contains(SshAgentStarter.UNCHANGED),
                "a repeated start leaves an up-to-date role file alone");
    }

    private static String sh(String command) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the command finishes");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "the command succeeds: " + out);
        return out;
    }

    private static Node node(String certname, String role) {
        Instant t = Instant.parse("2026-11-24T12:00:00Z");
        return new Node(certname, "127.0.0.1", NodeKind.BARE_METAL, role, Map.of(), NodeState.ROLE_ASSIGNED, t, null,
                0, null, null, t, t);
    }

    private SshConfig config(String startCommand) {
        Path roleFile = dir.resolve("role");
        return new SshConfig() {
            public String user() {
                return "root";
            }

            public int port() {
                return 22;
            }

            public Optional<Path> privateKeyFile() {
                return Optional.empty();
            }

            public Optional<Path> knownHostsFile() {
                return Optional.empty();
            }

            public Duration connectTimeout() {
                return Duration.ofSeconds(1);
            }

            public Duration authTimeout() {
                return Duration.ofSeconds(1);
            }

            public Duration commandTimeout() {
                return Duration.ofSeconds(1);
            }

            public String roleFile() {
                return roleFile.toString();
            }

            public String agentStartCommand() {
                return startCommand;
            }
        };
    }
}
