package io.puppetplane.enrollment.ssh.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.puppetplane.enrollment.node.repository.Node;
import io.puppetplane.enrollment.ssh.config.SshConfig;

/**
 * The original use case's manual step as one SSH command: write the role file, then start the agent. The role file
 * is replaced atomically and only when its content differs, so a retry leaves an up-to-date node untouched.
 */
@ApplicationScoped
public class SshAgentStarter implements AgentStarter {

    static final String WRITTEN = "role-file-written";
    static final String UNCHANGED = "role-file-unchanged";

    private final SshCommandRunner ssh;
    private final SshConfig config;

    SshAgentStarter(SshCommandRunner ssh, SshConfig config) {
        this.ssh = ssh;
        this.config = config;
    }

    @Override
    public String startAgent(Node node) throws RemoteCommandException {
        CommandResult result = ssh.run(node.address(), command(node));
        if (!result.succeeded()) {
            throw new RemoteCommandException("starting the agent on " + node.address() + " failed: "
                    + result.summary(), false, null);
        }
        String roleFile = result.stdout().contains(WRITTEN) ? "wrote " + config.roleFile() : config.roleFile()
                + " already up to date";
        return roleFile + ", agent started over SSH";
    }

    /**
     * One round trip. The role was validated to [a-z][a-z0-9_]* and the certname to [a-z0-9][a-z0-9._-]*; both are
     * quoted anyway, also where the start command names them ({@code {certname}}, {@code {role}}).
     */
    String command(Node node) {
        String file = ShellWords.quote(config.roleFile());
        String tmp = ShellWords.quote(config.roleFile() + ".puppetplane-tmp");
        String value = ShellWords.quote(node.role());
        String start = config.agentStartCommand().replace("{certname}", ShellWords.quote(node.certname()))
                .replace("{role}", value);
        return "if [ \"$(cat " + file + " 2>/dev/null)\" != " + value + " ]; then "
                + "printf '%s\\n' " + value + " > " + tmp + " && mv -f " + tmp + " " + file + " && echo " + WRITTEN
                + "; else echo " + UNCHANGED + "; fi && " + start;
    }
}
