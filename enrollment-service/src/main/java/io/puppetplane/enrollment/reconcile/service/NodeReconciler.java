package io.puppetplane.enrollment.reconcile.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.puppetplane.enrollment.node.repository.Node;
import io.puppetplane.enrollment.node.repository.NodeRepository;
import io.puppetplane.enrollment.node.repository.NodeState;
import io.puppetplane.enrollment.node.repository.ObservationRepository;
import io.puppetplane.enrollment.node.repository.RegistrationAttemptRepository;
import io.puppetplane.enrollment.node.service.NodeStateRecorder;
import io.puppetplane.enrollment.reconcile.config.ReconcileConfig;
import io.puppetplane.enrollment.registration.service.CloudRegistrar;
import io.puppetplane.enrollment.ssh.service.AgentStarter;
import io.puppetplane.enrollment.ssh.service.CommandResult;
import io.puppetplane.enrollment.ssh.service.RemoteCommandException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Drives nodes one step at a time. Each step runs in its own transaction holding the node's row lock
 * ({@code FOR UPDATE SKIP LOCKED}: another replica skips the node meanwhile), re-reads everything it decides on, and
 * records its result with the state change and its event. A crash between steps therefore loses nothing, and a
 * crash inside one rolls it back to be taken again — which is why each step is idempotent, and why the one step
 * that is not (registration) commits its intent separately before acting.
 */
@ApplicationScoped
public class NodeReconciler {

    private static final Logger LOG = Logger.getLogger(NodeReconciler.class);

    private final NodeRepository nodes;
    private final ObservationRepository observations;
    private final RegistrationAttemptRepository registrations;
    private final NodeStateRecorder states;
    private final StepPlanner planner;
    private final AgentStarter agentStarter;
    private final CloudRegistrar registrar;
    private final ReconcileConfig config;
    private final Clock clock;

    NodeReconciler(NodeRepository nodes, ObservationRepository observations,
            RegistrationAttemptRepository registrations, NodeStateRecorder states, StepPlanner planner,
            AgentStarter agentStarter, CloudRegistrar registrar, ReconcileConfig config, Clock clock) {
        this.nodes = nodes;
        this.observations = observations;
        this.registrations = registrations;
        this.states = states;
        this.planner = planner;
        this.agentStarter = agentStarter;
        this.registrar = registrar;
        this.config = config;
        this.clock = clock;
    }

    /** One pass over the nodes that may need a step; returns the steps taken. */
    public List<String> reconcileDue() {
        List<String> due = QuarkusTransaction.requiringNew()
                .call(() -> nodes.dueForReconcile(clock.instant(), config.batchSize()));
        List<String> taken = new ArrayList<>();
        for (String certname : due) {
            taken.addAll(reconcile(certname));
        }
        return taken;
    }

    /** Takes steps for one node until it has to wait; returns the names of the steps that made progress. */
    public List<String> reconcile(String certname) {
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < config.maxStepsPerNode(); i++) {
            Optional<String> step;
            try {
                step = QuarkusTransaction.requiringNew().timeout((int) config.stepTimeout().toSeconds())
                        .call(() -> takeStep(certname));
            } catch (RuntimeException e) {
                LOG.errorf(e, "reconciling %s failed; the step will be taken again", certname);
                break;
            }
            if (step.isEmpty()) {
                break;
            }
            taken.add(step.get());
        }
        return taken;
    }

    /** One step in the caller's transaction; empty when the node must wait (or another replica holds it). */
    Optional<String> takeStep(String certname) {
        Optional<Node> locked = nodes.lockUnlessBusy(certname);
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        Node node = locked.get();
        NodeSnapshot snapshot = new NodeSnapshot(node, observations.find(certname), registrations.find(certname));
        Step step = planner.next(snapshot, clock.instant());
        boolean progressed = execute(node, step);
        if (progressed) {
            LOG.debugf("%s: %s", certname, step.name());
        }
        return progressed ? Optional.of(step.name()) : Optional.empty();
    }

    private boolean execute(Node node, Step step) {
        if (step instanceof Step.Wait) {
            return false;
        } else if (step instanceof Step.Advance advance) {
            states.advance(node, advance.to(), advance.reason());
        } else if (step instanceof Step.Retry) {
            states.resume(node, "retry " + node.retryCount() + " after: " + node.failureReason());
        } else if (step instanceof Step.Fail fail) {
            failWithBackoff(node, fail.resumeFrom(), fail.reason());
        } else if (step instanceof Step.StartAgentOverSsh) {
            startAgent(node);
        } else if (step instanceof Step.RegisterWithCloudController) {
            register(node);
        } else if (step instanceof Step.ResolveInterruptedRegistration) {
            resolveInterrupted(node);
        } else {
            throw new IllegalStateException("no executor for step " + step.name());
        }
        return true;
    }

    private boolean startAgent(Node node) {
        try {
            states.advance(node, NodeState.AGENT_STARTED, agentStarter.startAgent(node));
        } catch (RemoteCommandException e) {
            failWithBackoff(node, NodeState.ROLE_ASSIGNED, e.getMessage());
        }
        return true;
    }

    /**
     * At most once: the intent is committed (in its own transaction, while this one keeps the node locked) before
     * the command runs, and the completion is recorded with the state change after it. If the service dies in
     * between, the next pass finds the intent without a completion and never runs the command blindly again.
     */
    private boolean register(Node node) {
        Optional<String> command = registrar.registrationCommand(node);
        if (command.isEmpty()) {
            states.advance(node, NodeState.CLOUD_REGISTERED, "role " + node.role() + " has no registration command");
            return true;
        }
        Instant started = clock.instant();
        QuarkusTransaction.requiringNew()
                .run(() -> registrations.recordIntent(node.certname(), command.get(), started));
        CommandResult result;
        try {
            result = registrar.run(command.get());
        } catch (RemoteCommandException e) {
            if (!e.outcomeUnknown()) {
                registrations.forget(node.certname());
            }
            failWithBackoff(node, NodeState.FIRST_RUN_SUCCEEDED, "registration: " + e.getMessage());
            return true;
        }
        if (!result.succeeded()) {
            // The command itself said no: nothing was registered, so a retry may run it again.
            registrations.forget(node.certname());
            failWithBackoff(node, NodeState.FIRST_RUN_SUCCEEDED, "registration command failed: " + result.summary());
            return true;
        }
        registrations.recordCompletion(node.certname(), clock.instant(), "exit 0");
        states.advance(node, NodeState.CLOUD_REGISTERED, "registered with the cloud controller: " + command.get());
        return true;
    }

    private boolean resolveInterrupted(Node node) {
        Optional<String> check = registrar.checkCommand(node);
        if (check.isEmpty()) {
            states.fail(node, NodeState.FIRST_RUN_SUCCEEDED, "registration was interrupted and its outcome is "
                    + "unknown; check the cloud controller, then retry saying whether it took effect",
                    node.retryCount() + 1, null);
            return true;
        }
        try {
            CommandResult result = registrar.run(check.get());
            if (result.succeeded()) {
                registrations.recordCompletion(node.certname(), clock.instant(), "confirmed by the check command");
                states.advance(node, NodeState.CLOUD_REGISTERED, "interrupted registration confirmed by: "
                        + check.get());
            } else {
                // Not registered: forgetting the attempt lets the next step run the registration again.
                registrations.forget(node.certname());
            }
        } catch (RemoteCommandException e) {
            failWithBackoff(node, NodeState.FIRST_RUN_SUCCEEDED, "registration check: " + e.getMessage());
        }
        return true;
    }

    private void failWithBackoff(Node node, NodeState resumeFrom, String reason) {
        int failures = node.retryCount() + 1;
        states.fail(node, resumeFrom, reason, failures, planner.nextRetry(failures, clock.instant()));
    }
}
