package io.puppetplane.enrollment.ssh.service;

import io.puppetplane.enrollment.node.repository.Node;

/** Gets a bare-metal node's agent running with its role in place. */
public interface AgentStarter {

    /**
     * Writes the node's role file (only if its content differs) and starts the agent; safe to repeat.
     *
     * @return what was done, for the node's history
     */
    String startAgent(Node node) throws RemoteCommandException;
}
