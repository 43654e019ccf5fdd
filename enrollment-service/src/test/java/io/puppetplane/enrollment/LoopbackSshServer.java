package io.puppetplane.enrollment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellFactory;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SSH server on 127.0.0.1 (Apache MINA SSHD) whose exec channel runs each command with /bin/sh, a client key
 * made by ssh-keygen, a known_hosts file holding the server's key, a stand-in {@code euca_conf} that records its
 * calls and a stand-in agent start command that records its runs. Points the service's SSH and registration
 * configuration at all of it.
 */
public class LoopbackSshServer implements QuarkusTestResourceLifecycleManager {

    private static Path dir;
    private SshServer server;

    /** Where the test's files live: role file, call logs. */
    public static Path dir() {
        return dir;
    }

    public static Path roleFile() {
        return dir.resolve("etc-role");
    }

    public static Path eucaCalls() {
        return dir.resolve("euca_conf.calls");
    }

    public static Path agentStarts() {
        return dir.resolve("agent.starts");
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("enrollment-ssh");
            Path clientKey = dir.resolve("id_ecdsa");
            run("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", clientKey.toString());

            server = SshServer.setUpDefaultServer();
            server.setHost("127.0.0.1");
            server.setPort(0);
            server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("host_key")));
            server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(dir.resolve("id_ecdsa.pub")));
            server.setPasswordAuthenticator(null);
            server.setCommandFactory((channel, command) ->
                    new ProcessShellFactory(command, "/bin/sh", "-c", command).createShell(channel));
            server.start();

            KeyPair hostKey = server.getKeyPairProvider().loadKeys(null).iterator().next();
            Path knownHosts = dir.resolve("known_hosts");
            Files.writeString(knownHosts, "[127.0.0.1]:" + server.getPort() + " "
                    + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");

            Path euca = dir.resolve("euca_conf");
            Files.writeString(euca, "#!/bin/sh\necho \"${NODE:-} $*\" >> '" + eucaCalls() + "'\n");
            Files.setPosixFilePermissions(euca, PosixFilePermissions.fromString("rwxr-xr-x"));

            return Map.ofEntries(
                    Map.entry("puppetplane.enrollment.ssh.port", String.valueOf(server.getPort())),
                    Map.entry("puppetplane.enrollment.ssh.user", System.getProperty("user.name")),
                    Map.entry("puppetplane.enrollment.ssh.private-key-file", clientKey.toString()),
                    Map.entry("puppetplane.enrollment.ssh.known-hosts-file", knownHosts.toString()),
                    Map.entry("puppetplane.enrollment.ssh.connect-timeout", "PT5S"),
                    Map.entry("puppetplane.enrollment.ssh.role-file", roleFile().toString()),
                    Map.entry("puppetplane.enrollment.ssh.agent-start-command",
                            "echo started >> '" + agentStarts() + "'"),
                    Map.entry("puppetplane.enrollment.registration.commands.nc",
                            "NODE={certname} " + euca + " --register-nodes {ip} --no-rsync"),
                    Map.entry("puppetplane.enrollment.registration.commands.cc",
                            "NODE={certname} " + euca + " --register-cluster --partition default --host {ip} --component cc-{certname}"),
                    // Only cc can be checked, so both ways of resolving an interrupted registration are tested.
                    Map.entry("puppetplane.enrollment.registration.check-commands.cc",
                            "grep -qF -- cc-{certname} '" + eucaCalls() + "'"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).inheritIO().start();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            try {
                server.stop(true);
            } catch (IOException ignored) {
                // the test JVM is ending
            }
        }
    }
}
