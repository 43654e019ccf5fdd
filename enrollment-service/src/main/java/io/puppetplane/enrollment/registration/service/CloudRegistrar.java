package io.puppetplane.enrollment.registration.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import io.puppetplane.enrollment.node.repository.Node;
import io.puppetplane.enrollment.registration.config.RegistrationConfig;
import io.puppetplane.enrollment.ssh.service.CommandResult;
import io.puppetplane.enrollment.ssh.service.RemoteCommandException;
import io.puppetplane.enrollment.ssh.service.ShellWords;
import io.puppetplane.enrollment.ssh.service.SshCommandRunner;

/** Builds and runs the configured registration (and check) commands, locally or on the cloud controller. */
@Singleton
public class CloudRegistrar {

    private final RegistrationConfig config;
    private final SshCommandRunner ssh;

    public CloudRegistrar(RegistrationConfig config, SshCommandRunner ssh) {
        this.config = config;
        this.ssh = ssh;
    }

    /** The registration command for the node's role, if its role has one. */
    public Optional<String> registrationCommand(Node node) {
        return Optional.ofNullable(config.commands().get(node.role())).map(t -> expand(t, node));
    }

    public Optional<String> checkCommand(Node node) {
        return Optional.ofNullable(config.checkCommands().get(node.role())).map(t -> expand(t, node));
    }

    /** Runs a command where registration commands run. */
    public CommandResult run(String command) throws RemoteCommandException {
        if ("ssh".equals(config.mode())) {
            String host = config.sshHost().orElseThrow(() -> new RemoteCommandException(
                    "puppetplane.enrollment.registration.ssh-host is not configured", false, null));
            return ssh.run(host, command);
        }
        return runLocally(command);
    }

    private CommandResult runLocally(String command) throws RemoteCommandException {
        Process process;
        try {
            process = new ProcessBuilder("/bin/sh", "-c", command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new RemoteCommandException("cannot start '" + command + "': " + e.getMessage(), false, e);
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try {
            if (!process.waitFor(config.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new RemoteCommandException("'" + command + "' did not finish within "
                        + config.commandTimeout(), true, null);
            }
            return new CommandResult(process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new RemoteCommandException("interrupted while '" + command + "' ran", true, e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    /** Values were validated at input ([a-z0-9._-], IP or host name); quoting keeps the shell from reading them. */
    private static String expand(String template, Node node) {
        return template.replace("{ip}", ShellWords.quote(node.address()))
                .replace("{certname}", ShellWords.quote(node.certname()))
                .replace("{role}", ShellWords.quote(node.role()));
    }
}
