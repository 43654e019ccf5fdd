package io.puppetplane.enrollment.cloud.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the generated first-run script (cloud-init user-data) of cloud instances does. */
@ConfigMapping(prefix = "puppetplane.enrollment.cloud")
public interface CloudConfig {

    /** The Puppet server agents dial (puppet.conf {@code server}). Default {@code puppet}, as in the use case. */
    @WithDefault("puppet")
    String server();

    /** Default 8140. */
    @WithDefault("8140")
    int serverPort();

    /** The CA agents dial; defaults to {@link #server()}. */
    Optional<String> caServer();

    /** Default 8141 (ca-service). */
    @WithDefault("8141")
    int caPort();

    /** Where the instance reads its own address, which becomes its certname. */
    @WithDefault("http://169.254.169.254/latest/meta-data/local-ipv4")
    String metadataUrl();

    /** The agent's configuration directory. Default {@code /etc/puppet} (Debian's puppet-agent). */
    @WithDefault("/etc/puppet")
    String puppetConfDir();

    /** The role file the {@code role} fact reads. Default {@code /etc/role}. */
    @WithDefault("/etc/role")
    String roleFile();

    /** Installs the agent when missing. */
    @WithDefault("command -v puppet >/dev/null 2>&1 || { apt-get update && apt-get install -y puppet-agent; }")
    String agentInstallCommand();

    /** Starts the agent. */
    @WithDefault("puppet resource service puppet ensure=running enable=true")
    String agentStartCommand();
}
