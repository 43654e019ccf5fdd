package io.puppetplane.enrollment.reconcile.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.puppetplane.enrollment.node.repository.AgentObservation;
import io.puppetplane.enrollment.node.repository.Node;
import io.puppetplane.enrollment.node.repository.NodeKind;
import io.puppetplane.enrollment.node.repository.NodeState;
import io.puppetplane.enrollment.reconcile.config.ReconcileConfig;

/**
 * Level-triggered decisions: from a node's recorded state and what was observed about it, the next step. Pure (no
 * I/O), so each decision is unit-tested with a fixed clock.
 */
@ApplicationScoped
public class StepPlanner {

    private final ReconcileConfig config;

    public StepPlanner(ReconcileConfig config) {
        this.config = config;
    }

    public Step next(NodeSnapshot snapshot, Instant now) {
        Node node = snapshot.node();
        AgentObservation seen = snapshot.observation();
        return switch (node.state()) {
            case READY, DECOMMISSIONED -> new Step.Wait("at-rest", "node is " + node.state());
            case FAILED -> node.nextRetryAt() != null && !now.isBefore(node.nextRetryAt())
                    ? new Step.Retry("retry")
                    : new Step.Wait("await-retry", node.nextRetryAt() == null ? "waits for an operator's retry"
                            : "retries at " + node.nextRetryAt());
            case REGISTERED -> node.role() != null
                    ? new Step.Advance("assign-role", NodeState.ROLE_ASSIGNED, "role " + node.role() + " assigned")
                    : new Step.Wait("await-role", "no role assigned");
            case ROLE_ASSIGNED -> {
                if (seen.certificateRequested()) {
                    yield new Step.Advance("observe-csr", NodeState.CERTIFICATE_REQUESTED,
                            "the agent requested a certificate");
                }
                yield node.kind() == NodeKind.BARE_METAL
                        ? new Step.StartAgentOverSsh("start-agent-over-ssh")
                        : new Step.Wait("await-first-boot", "the instance's first-run script starts its agent");
            }
            case AGENT_STARTED -> {
                if (seen.certificateRequested()) {
                    yield new Step.Advance("observe-csr", NodeState.CERTIFICATE_REQUESTED,
                            "the agent requested a certificate");
                }
                Instant deadline = node.stateChangedAt().plus(config.certificateRequestTimeout());
                yield now.isBefore(deadline)
                        ? new Step.Wait("await-csr", "waits for a certificate request until " + deadline)
                        : new Step.Fail("csr-timeout", NodeState.ROLE_ASSIGNED, "no certificate request within "
                                + config.certificateRequestTimeout() + " of starting the agent");
            }
            case CERTIFICATE_REQUESTED -> seen.certificateSigned()
                    ? new Step.Advance("observe-signature", NodeState.CERTIFICATE_SIGNED, "certificate signed")
                    : new Step.Wait("await-signature", "certificate request pending");
            case CERTIFICATE_SIGNED -> seen.firstSuccessAt() != null
                    ? new Step.Advance("observe-first-run", NodeState.FIRST_RUN_SUCCEEDED,
                            "first successful agent run at " + seen.firstSuccessAt())
                    : new Step.Wait("await-first-run", "no successful agent run yet");
            case FIRST_RUN_SUCCEEDED -> snapshot.registration()
                    .<Step>map(attempt -> attempt.completed()
                            ? new Step.Advance("observe-registration", NodeState.CLOUD_REGISTERED,
                                    "registered with the cloud controller: " + attempt.outcome())
                            : new Step.ResolveInterruptedRegistration("resolve-interrupted-registration"))
                    .orElseGet(() -> new Step.RegisterWithCloudController("register-with-cloud-controller"));
            case CLOUD_REGISTERED -> new Step.Advance("mark-ready", NodeState.READY, "enrollment complete");
        };
    }

    /** Exponential backoff: initial, 2×, 4×… capped; null once the node should wait for an operator. */
    public Instant nextRetry(int failures, Instant now) {
        if (failures >= config.maxRetries()) {
            return null;
        }
        long factor = 1L << Math.min(failures - 1, 20);
        java.time.Duration wait = config.initialBackoff().multipliedBy(factor);
        return now.plus(wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait);
    }
}
