package io.puppetplane.enrollment.ssh.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.security.SecurityUtils;

import io.puppetplane.enrollment.ssh.config.SshConfig;

/**
 * Runs one command on a host over SSH with the configured key. Host keys must be in the configured known_hosts:
 * unknown and changed keys are refused (no trust on first use). Every phase has its own timeout.
 */
@ApplicationScoped
public class SshCommandRunner {

    private final SshConfig config;
    private SshClient client;
    private List<KeyPair> identities;

    public SshCommandRunner(SshConfig config) {
        this.config = config;
    }

    /** Runs {@code command} (interpreted by the remote user's shell) on {@code host}. */
    public CommandResult run(String host, String command) throws RemoteCommandException {
        SshClient ssh = client();
        ClientSession session;
        try {
            session = ssh.connect(config.user(), host, config.port()).verify(config.connectTimeout()).getSession();
        } catch (IOException e) {
            throw new RemoteCommandException("cannot connect to " + host + ":" + config.port() + ": "
                    + e.getMessage(), false, e);
        }
        try (session) {
            for (KeyPair identity : identities) {
                session.addPublicKeyIdentity(identity);
            }
            try {
                session.auth().verify(config.authTimeout());
            } catch (IOException e) {
                throw new RemoteCommandException("SSH authentication to " + host + " as " + config.user()
                        + " failed (host key not in known_hosts, or key refused): " + e.getMessage(), false, e);
            }
            return exec(session, host, command);
        } catch (IOException e) {
            throw new RemoteCommandException("SSH session to " + host + " failed: " + e.getMessage(), true, e);
        }
    }

    private CommandResult exec(ClientSession session, String host, String command) throws RemoteCommandException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(config.commandTimeout());
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED),
                    config.commandTimeout());
            Integer status = channel.getExitStatus();
            if (events.contains(ClientChannelEvent.TIMEOUT) || status == null) {
                throw new RemoteCommandException("command on " + host + " did not finish within "
                        + config.commandTimeout(), true, null);
            }
            return new CommandResult(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RemoteCommandException("command on " + host + " failed: " + e.getMessage(), true, e);
        }
    }

    private synchronized SshClient client() throws RemoteCommandException {
        if (client == null) {
            Path keyFile = config.privateKeyFile().orElseThrow(() -> new RemoteCommandException(
                    "puppetplane.enrollment.ssh.private-key-file is not configured", false, null));
            Path knownHosts = config.knownHostsFile().orElseThrow(() -> new RemoteCommandException(
                    "puppetplane.enrollment.ssh.known-hosts-file is not configured", false, null));
            identities = loadKeys(keyFile);
            SshClient ssh = SshClient.setUpDefaultClient();
            // Unknown hosts go to the delegate, which rejects them; changed keys are rejected by default.
            ssh.setServerKeyVerifier(new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, knownHosts));
            ssh.start();
            client = ssh;
        }
        return client;
    }

    private static List<KeyPair> loadKeys(Path keyFile) throws RemoteCommandException {
        try (InputStream in = Files.newInputStream(keyFile)) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null,
                    () -> keyFile.toString(), in, null);
            List<KeyPair> keys = new ArrayList<>();
            if (pairs != null) {
                pairs.forEach(keys::add);
            }
            if (keys.isEmpty()) {
                throw new RemoteCommandException("no private key in " + keyFile, false, null);
            }
            return keys;
        } catch (IOException | GeneralSecurityException e) {
            throw new RemoteCommandException("cannot read the SSH private key " + keyFile + ": " + e.getMessage(),
                    false, e);
        }
    }

    /** For tests that replace keys or known hosts between runs. */
    public synchronized void reset() {
        stop();
        client = null;
    }

    @PreDestroy
    synchronized void stop() {
        if (client != null) {
            client.stop();
        }
    }

}
