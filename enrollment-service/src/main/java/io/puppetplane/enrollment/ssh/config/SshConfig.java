package io.puppetplane.enrollment.ssh.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How bare-metal nodes are reached over SSH and what is done there. */
@ConfigMapping(prefix = "puppetplane.enrollment.ssh")
public interface SshConfig {

    /** Login user on the nodes. Default {@code root}, as the original use case's authorized_keys. */
    @WithDefault("root")
    String user();

    /** SSH port on every node. Default 22. */
    @WithDefault("22")
    int port();

    /** The private key (OpenSSH or PEM format; mount a Secret here in Kubernetes). No default: required for SSH. */
    Optional<Path> privateKeyFile();

    /** known_hosts with every node's host key; unknown or changed keys are refused. Required for SSH. */
    Optional<Path> knownHostsFile();

    /** TCP connect plus key exchange. Default 10 s. */
    @WithDefault("PT10S")
    Duration connectTimeout();

    /** Public key authentication. Default 10 s. */
    @WithDefault("PT10S")
    Duration authTimeout();

    /** One remote command. Default 60 s. */
    @WithDefault("PT60S")
    Duration commandTimeout();

    /** The role file read by the {@code role} fact. Default {@code /etc/role}. */
    @WithDefault("/etc/role")
    String roleFile();

    /**
     * Starts the agent; must be idempotent (it runs again on a retry). {@code {certname}} and {@code {role}} are
     * replaced by the node's, shell-quoted.
     */
    @WithDefault("puppet resource service puppet ensure=running enable=true")
    String agentStartCommand();
}
