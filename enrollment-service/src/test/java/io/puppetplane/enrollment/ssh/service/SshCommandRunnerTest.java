package io.puppetplane.enrollment.ssh.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.puppetplane.enrollment.node.repository.Node;
import io.puppetplane.enrollment.node.repository.NodeKind;
import io.puppetplane.enrollment.node.repository.NodeState;
import io.puppetplane.enrollment.registration.config.RegistrationConfig;
import io.puppetplane.enrollment.registration.service.CloudRegistrar;
import io.puppetplane.enrollment.ssh.config.SshConfig;

/** The SSH client against a real SSH server (Apache MINA SSHD running commands with /bin/sh) on 127.0.0.1. */
class SshCommandRunnerTest {

    @TempDir
    Path dir;
    private SshServer server;
    private Path clientKey;
    private Path knownHosts;

    @BeforeEach
    void startServer() throws Exception {
        clientKey = dir.resolve("id_ecdsa");
        keygen(clientKey);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("host_key")));
        server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(dir.resolve("id_ecdsa.pub")));
        server.setCommandFactory((channel, command) ->
                new ProcessShellFactory(command, "/bin/sh", "-c", command).createShell(channel));
        server.start();
        KeyPair hostKey = server.getKeyPairProvider().loadKeys(null).iterator().next();
        knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:" + server.getPort() + " "
                + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
    }

    @AfterEach
    void stopServer() throws IOException {
        server.stop(true);
    }

    @Test
    void runsACommandAndReturnsItsExitStatusAndOutput() throws Exception {
        SshCommandRunner ssh = runner(clientKey, Duration.ofSeconds(10));
        CommandResult result = ssh.run("127.0.0.1", "echo hello; echo oops >&2; exit 3");
        assertEquals(3, result.exitStatus(), "exit status of the remote command");
        assertEquals("hello\n", result.stdout(), "its standard output");
        assertEquals("oops\n", result.stderr(), "its standard error");
    }

    @Test
    void refusesAHostWhoseKeyIsNotTheOneInKnownHosts() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        Files.writeString(knownHosts, "[127.0.0.1]:" + server.getPort() + " "
                + PublicKeyEntry.toString(generator.generateKeyPair().getPublic()) + "\n");
        SshCommandRunner ssh = runner(clientKey, Duration.ofSeconds(10));
        Path marker = dir.resolve("ran");
        RemoteCommandException e = assertThrows(RemoteCommandException.class,
                () -> ssh.run("127.0.0.1", "touch '" + marker + "'"), "a changed host key is refused");
        assertFalse(e.outcomeUnknown(), "nothing ran, so a retry is safe");
        assertFalse(Files.exists(marker), "the command never reached the impostor");
    }

    @Test
    void refusesToAuthenticateWithAKeyTheServerDoesNotKnow() throws Exception {
        Path otherKey = dir.resolve("other");
        keygen(otherKey);
        SshCommandRunner ssh = runner(otherKey, Duration.ofSeconds(10));
        RemoteCommandException e = assertThrows(RemoteCommandException.class, () -> ssh.run("127.0.0.1", "true"),
                "an unknown client key is refused");
        assertTrue(e.getMessage().contains("authentication"), "the reason names authentication: " + e.getMessage());
    }

    @Test
    void commandThatOutlivesItsTimeoutHasAnUnknownOutcome() throws Exception {
        SshCommandRunner ssh = runner(clientKey, Duration.ofSeconds(1));
        RemoteCommandException e = assertThrows(RemoteCommandException.class, () -> ssh.run("127.0.0.1", "sleep 5"),
                "the command timeout ends the wait");
        assertTrue(e.outcomeUnknown(), "a command cut off may have acted");
    }

    @Test
    void closedPortFailsFastAsNotRun() throws Exception {
        int port = server.getPort();
        server.stop(true);
        SshCommandRunner ssh = runner(clientKey, Duration.ofSeconds(10), port);
        RemoteCommandException e = assertThrows(RemoteCommandException.class, () -> ssh.run("127.0.0.1", "true"),
                "nothing listens");
        assertFalse(e.outcomeUnknown(), "no connection, nothing ran");
    }

    @Test
    void registrationCanRunOnTheCloudControllerOverSsh() throws Exception {
        Path calls = dir.resolve("calls");
        SshCommandRunner ssh = runner(clientKey, Duration.ofSeconds(10));
        CloudRegistrar registrar = new CloudRegistrar(new RegistrationConfig() {
            public Map<String, String> commands() {
                return Map.of("nc", "echo register {ip} {certname} >> '" + calls + "'");
            }

            public Map<String, String> checkCommands() {
                return Map.of();
            }

            public String mode() {
                return "ssh";
            }

            public Optional<String> sshHost() {
                return Optional.of("127.0.0.1");
            }

            public Duration commandTimeout() {
                return Duration.ofSeconds(10);
            }
        }, ssh);
        Node node = new Node("nc9.example.com", "10.0.0.9", NodeKind.BARE_METAL, "nc", Map.of(),
                NodeState.FIRST_RUN_SUCCEEDED, null, null, 0, null, null, null, null);

        CommandResult result = registrar.run(registrar.registrationCommand(node).orElseThrow());

        assertEquals(0, result.exitStatus(), "the command succeeded on the controller: " + result.summary());
        assertEquals("register 10.0.0.9 nc9.example.com\n", Files.readString(calls),
                "the template was filled in and ran over SSH");
    }

    private SshCommandRunner runner(Path key, Duration commandTimeout) {
        return runner(key, commandTimeout, server.getPort());
    }

    private SshCommandRunner runner(Path key, Duration commandTimeout, int port) {
        return new SshCommandRunner(new SshConfig() {
            public String user() {
                return System.getProperty("user.name");
            }

            public int port() {
                return port;
            }

            public Optional<Path> privateKeyFile() {
                return Optional.of(key);
            }

            public Optional<Path> knownHostsFile() {
                return Optional.of(knownHosts);
            }

            public Duration connectTimeout() {
                return Duration.ofSeconds(5);
            }

            public Duration authTimeout() {
                return Duration.ofSeconds(5);
            }

            public Duration commandTimeout() {
                return commandTimeout;
            }

            public String roleFile() {
                return dir.resolve("role").toString();
            }

            public String agentStartCommand() {
                return "true";
            }
        });
    }

    private static void keygen(Path file) throws Exception {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f",
                file.toString()).inheritIO().start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "ssh-keygen made a key");
    }
}
