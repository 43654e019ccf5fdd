package io.puppetplane.enrollment.registration.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Registration of nodes with the cloud controller after their first successful agent run. Templates may use
 * {@code {ip}} (the node's address), {@code {certname}} and {@code {role}}.
 */
@ConfigMapping(prefix = "puppetplane.enrollment.registration")
public interface RegistrationConfig {

    /**
     * Command per role ({@code puppetplane.enrollment.registration.commands.nc=...}). Defaults (application.properties):
     * nc {@code euca_conf --register-nodes {ip} --no-rsync}, cc
     * {@code euca_conf --register-cluster --partition default --host {ip} --component cc-{certname} --no-rsync}.
     * A role without a command skips registration.
     */
    Map<String, String> commands();

    /**
     * Optional command per role that exits 0 when the node is registered. Used only when a registration was
     * interrupted (the service stopped while the command ran): 0 records it as done, anything else runs the
     * registration again. Without one, an interrupted registration waits for an operator.
     */
    Map<String, String> checkCommands();

    /** Where commands run: {@code local} (this service's host) or {@code ssh} (on {@link #sshHost()}). */
    @WithDefault("local")
    String mode();

    /** The cloud controller, for mode {@code ssh}; reached with the SSH settings used for nodes. */
    Optional<String> sshHost();

    /** Longest a local command may run; it is then killed and its outcome counts as unknown. Default 2 min. */
    @WithDefault("PT2M")
    Duration commandTimeout();
}
