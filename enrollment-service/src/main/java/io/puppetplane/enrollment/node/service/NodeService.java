package io.puppetplane.enrollment.node.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.puppetplane.enrollment.classification.service.ClassificationPublisher;
import io.puppetplane.enrollment.inventory.service.PuppetDbQueries;
import io.puppetplane.enrollment.node.repository.Node;
import io.puppetplane.enrollment.node.repository.NodeFilter;
import io.puppetplane.enrollment.node.repository.NodeKind;
import io.puppetplane.enrollment.node.repository.NodeRepository;
import io.puppetplane.enrollment.node.repository.NodeState;
import io.puppetplane.enrollment.node.repository.ObservationRepository;
import io.puppetplane.enrollment.node.repository.RegistrationAttemptRepository;

/** What operators and provisioning systems ask of nodes. The reconciler does the rest. */
@ApplicationScoped
public class NodeService {

    private final NodeRepository nodes;
    private final ObservationRepository observations;
    private final RegistrationAttemptRepository registrations;
    private final NodeStateRecorder states;
    private final ClassificationPublisher classification;
    private final PuppetDbQueries inventory;
    private final Clock clock;

    NodeService(NodeRepository nodes, ObservationRepository observations,
            RegistrationAttemptRepository registrations, NodeStateRecorder states,
            ClassificationPublisher classification, PuppetDbQueries inventory, Clock clock) {
        this.nodes = nodes;
        this.observations = observations;
        this.registrations = registrations;
        this.states = states;
        this.classification = classification;
        this.inventory = inventory;
        this.clock = clock;
    }

    /**
     * Enrolls a machine. A decommissioned node of the same name is replaced (a reinstalled machine starts over);
     * any other existing node is a conflict.
     */
    // Refusals happen before any write; not marking the transaction lets an event consumer skip a bad request and
    // still commit its inbox entry.
    @Transactional(dontRollbackOn = { InvalidNodeRequestException.class, NodeConflictException.class })
    public Node create(NewNode request) {
        String certname = NodeNames.certname(request.certname());
        String address = NodeNames.address(request.address());
        NodeKind kind = NodeKind.fromWireName(request.kind()).orElseThrow(() -> new InvalidNodeRequestException(
                "kind '" + request.kind() + "' is not one of bare-metal, cloud-instance"));
        String role = NodeNames.role(request.role());
        Map<String, Map<String, Object>> classes = NodeNames.classes(request.classes());

        Optional<Node> existing = nodes.lock(certname);
        if (existing.isPresent()) {
            if (existing.get().state() != NodeState.DECOMMISSIONED) {
                throw new NodeConflictException("node " + certname + " exists already (state "
                        + existing.get().state() + ")");
            }
            nodes.delete(certname);
            observations.forget(certname);
            registrations.forget(certname);
        }
        Instant now = clock.instant();
        Node node = new Node(certname, address, kind, role, classes, NodeState.REGISTERED, now, null, 0, null, null,
                now, now);
        nodes.insert(node);
        states.created(node, existing.isPresent() ? "re-enrolled after decommission" : "enrolled as " + kind);
        if (role != null || !classes.isEmpty()) {
            classification.published(certname, role, classes);
        }
        return node;
    }

    public Node get(String certname) {
        return nodes.find(certname).orElseThrow(() -> new NodeNotFoundException(certname));
    }

    /**
     * Nodes matching the filter. Criteria on facts or runs are answered by the inventory (an
     * {@code InventoryUnavailableException} when it cannot be asked); the others by this service alone.
     */
    public List<Node> list(NodeFilter filter) {
        List<Node> listed = nodes.list(filter.role(), filter.state());
        if (!filter.needsInventory() || listed.isEmpty()) {
            return listed;
        }
        Set<String> wanted = null;
        if (filter.lastRunStatus() != null) {
            wanted = inventory.certnamesWithLatestReportStatus(filter.lastRunStatus());
        }
        if (filter.factPath() != null) {
            Set<String> withFact = inventory.certnamesWithFact(filter.factPath(), filter.factValue());
            if (wanted == null) {
                wanted = withFact;
            } else {
                wanted.retainAll(withFact);
            }
        }
        Set<String> matching = wanted;
        return listed.stream().filter(n -> matching.contains(n.certname())).toList();
    }

    /** Sets the node's role and classes and publishes them when they changed. */
    @Transactional
    public Node classify(String certname, String role, Map<String, Map<String, Object>> classes) {
        String validRole = NodeNames.role(role);
        Map<String, Map<String, Object>> validClasses = NodeNames.classes(classes);
        Node node = nodes.lock(certname).orElseThrow(() -> new NodeNotFoundException(certname));
        if (node.state() == NodeState.DECOMMISSIONED) {
            throw new NodeConflictException("node " + certname + " is decommissioned; enroll it again first");
        }
        if (Objects.equals(node.role(), validRole) && node.classes().equals(validClasses)) {
            return node;
        }
        nodes.updateClassification(certname, validRole, validClasses, clock.instant());
        classification.published(certname, validRole, validClasses);
        return get(certname);
    }

    /**
     * Takes the node out of service: state decommissioned (ca-service revokes its certificate on that event) and
     * its classification removed. Idempotent.
     */
    @Transactional
    public Node decommission(String certname, String reason) {
        Node node = nodes.lock(certname).orElseThrow(() -> new NodeNotFoundException(certname));
        if (node.state() == NodeState.DECOMMISSIONED) {
            return node;
        }
        states.advance(node, NodeState.DECOMMISSIONED, reason == null ? "decommissioned by an operator" : reason);
        classification.removed(node);
        return get(certname);
    }

    /**
     * Retries a failed node now. For a registration whose outcome is unknown (the service stopped while the
     * command ran) the operator says what happened: {@code registrationCompleted} true records it as done, false
     * lets the command run again.
     */
    @Transactional
    public Node retry(String certname, Boolean registrationCompleted) {
        Node node = nodes.lock(certname).orElseThrow(() -> new NodeNotFoundException(certname));
        if (node.state() != NodeState.FAILED) {
            throw new NodeConflictException("node " + certname + " is " + node.state() + ", not failed");
        }
        registrations.find(certname).filter(a -> !a.completed()).ifPresent(attempt -> {
            if (registrationCompleted == null) {
                throw new InvalidNodeRequestException("the registration of " + certname + " was interrupted; say "
                        + "whether it took effect with registrationCompleted true or false");
            }
            if (registrationCompleted) {
                registrations.recordCompletion(certname, clock.instant(), "confirmed by an operator");
            } else {
                registrations.forget(certname);
            }
        });
        nodes.retryNow(certname, clock.instant());
        return get(certname);
    }
}
