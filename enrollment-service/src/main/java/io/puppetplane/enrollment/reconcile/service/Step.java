package io.puppetplane.enrollment.reconcile.service;

import io.puppetplane.enrollment.node.repository.NodeState;

/** The next thing the reconciler does for a node; each is small, named and idempotent. */
public sealed interface Step {

    /** A short name for logs and tests. */
    String name();

    /** Nothing to do until something is observed (an event, a retry time, an operator). */
    record Wait(String name, String why) implements Step {
    }

    /** Record a state the observations already prove. */
    record Advance(String name, NodeState to, String reason) implements Step {
    }

    /** Over SSH, write the role file and start the agent, then record agent-started. */
    record StartAgentOverSsh(String name) implements Step {
    }

    /** Run the registration command once, recording intent before and completion after. */
    record RegisterWithCloudController(String name) implements Step {
    }

    /** A registration began and its completion was never recorded; find out what happened. */
    record ResolveInterruptedRegistration(String name) implements Step {
    }

    /** Leave failed for the state the node failed in. */
    record Retry(String name) implements Step {
    }

    /** Fail without running anything (a timeout). */
    record Fail(String name, NodeState resumeFrom, String reason) implements Step {
    }
}
