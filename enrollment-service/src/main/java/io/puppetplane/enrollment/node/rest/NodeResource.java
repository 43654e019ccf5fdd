package io.puppetplane.enrollment.node.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.puppetplane.enrollment.inventory.service.FactSet;
import io.puppetplane.enrollment.inventory.service.NodeStatus;
import io.puppetplane.enrollment.inventory.service.PuppetDbQueries;
import io.puppetplane.enrollment.inventory.service.RunReport;
import io.puppetplane.enrollment.node.repository.HistoryEntry;
import io.puppetplane.enrollment.node.repository.NodeFilter;
import io.puppetplane.enrollment.node.repository.NodeRepository;
import io.puppetplane.enrollment.node.repository.NodeState;
import io.puppetplane.enrollment.node.service.InvalidNodeRequestException;
import io.puppetplane.enrollment.node.service.NewNode;
import io.puppetplane.enrollment.node.service.NodeService;
import io.puppetplane.enrollment.operator.repository.OperatorRole;
import io.puppetplane.enrollment.operator.service.OperatorAudit;

/**
 * The node API: enroll, list, classify, decommission, retry, and the inventory of each node. Viewers read; changes
 * need an admin and are audited.
 */
@Path("/api/v1/nodes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ OperatorRole.ADMIN_NAME, OperatorRole.VIEWER_NAME })
public class NodeResource {

    /** A role and extra classes (class name → parameters). */
    public record Classification(String role, Map<String, Map<String, Object>> classes) {
    }

    /** For a failed node; {@code registrationCompleted} answers an interrupted registration. */
    public record RetryRequest(Boolean registrationCompleted) {
    }

    /**
     * What inventory-service holds of the node: its latest facts (when received), its latest run's status and time
     * (PuppetDB's latest report and its end, {@code report_timestamp}), and its recent runs, newest first. Null or
     * empty where the inventory has nothing yet.
     */
    public record Inventory(String certname, Map<String, Object> facts, Instant factsReceivedAt,
            String lastRunStatus, Instant lastRunAt, List<RunReport> reports) {
    }

    private final NodeService nodes;
    private final NodeRepository repository;
    private final PuppetDbQueries inventory;
    private final OperatorAudit audit;

    NodeResource(NodeService nodes, NodeRepository repository, PuppetDbQueries inventory, OperatorAudit audit) {
        this.nodes = nodes;
        this.repository = repository;
        this.inventory = inventory;
        this.audit = audit;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(OperatorRole.ADMIN_NAME)
    public Response create(NewNode request) {
        if (request == null) {
            throw new InvalidNodeRequestException("a node needs certname, address and kind");
        }
        NodeView node = audit.perform("node.create", request.certname(), () -> NodeView.of(nodes.create(request)),
                "kind " + request.kind() + ", address " + request.address()
                        + (request.role() == null ? "" : ", role " + request.role()));
        return Response.created(URI.create("/api/v1/nodes/" + node.certname())).entity(node).build();
    }

    /**
     * Lists nodes. {@code fact} filters on the latest facts as {@code path=value}, a dotted path into them
     * ({@code os.family=Debian}); it and {@code lastRunStatus} are asked of the inventory (503 while it cannot be).
     */
    @GET
    public List<NodeView> list(@QueryParam("role") String role, @QueryParam("state") String state,
            @QueryParam("lastRunStatus") String lastRunStatus, @QueryParam("fact") String fact) {
        NodeState wantedState = state == null ? null : NodeState.fromWireName(state).orElseThrow(
                () -> new InvalidNodeRequestException("state '" + state + "' is not a node state"));
        String factPath = null;
        String factValue = null;
        if (fact != null) {
            int eq = fact.indexOf('=');
            if (eq <= 0) {
                throw new InvalidNodeRequestException("fact filter must be path=value, such as os.family=Debian");
            }
            factPath = fact.substring(0, eq);
            factValue = fact.substring(eq + 1);
        }
        return nodes.list(new NodeFilter(role, wantedState, lastRunStatus, factPath, factValue)).stream()
                .map(NodeView::of).toList();
    }

    @GET
    @Path("{certname}")
    public NodeView get(@PathParam("certname") String certname) {
        return NodeView.of(nodes.get(certname));
    }

    @PUT
    @Path("{certname}/classification")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(OperatorRole.ADMIN_NAME)
    public NodeView classify(@PathParam("certname") String certname, Classification classification) {
        if (classification == null) {
            throw new InvalidNodeRequestException("a classification needs a role and/or classes");
        }
        String asked = "role " + classification.role() + ", classes "
                + (classification.classes() == null ? "{}" : classification.classes().keySet());
        return audit.perform("node.classify", certname, () -> NodeView.of(nodes.classify(certname,
                classification.role(), classification.classes())), asked);
    }

    @POST
    @Path("{certname}/decommission")
    @RolesAllowed(OperatorRole.ADMIN_NAME)
    public NodeView decommission(@PathParam("certname") String certname) {
        return audit.perform("node.decommission", certname,
                () -> NodeView.of(nodes.decommission(certname, null)));
    }

    @POST
    @Path("{certname}/retry")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(OperatorRole.ADMIN_NAME)
    public NodeView retry(@PathParam("certname") String certname, RetryRequest request) {
        Boolean completed = request == null ? null : request.registrationCompleted();
        return audit.perform("node.retry", certname, () -> NodeView.of(nodes.retry(certname, completed)),
                completed == null ? null : "registrationCompleted " + completed);
    }

    @GET
    @Path("{certname}/history")
    public List<HistoryEntry> history(@PathParam("certname") String certname) {
        nodes.get(certname);
        return repository.history(certname);
    }

    @GET
    @Path("{certname}/inventory")
    public Inventory inventory(@PathParam("certname") String certname, @QueryParam("reports") Integer reports) {
        nodes.get(certname);
        int limit = reports == null ? 10 : reports;
        if (limit < 1 || limit > 100) {
            throw new BadRequestException("reports must be between 1 and 100");
        }
        Optional<FactSet> facts = inventory.facts(certname);
        Optional<NodeStatus> node = inventory.node(certname);
        return new Inventory(certname, facts.map(FactSet::values).orElse(null),
                facts.map(FactSet::timestamp).orElse(null), node.map(NodeStatus::latestReportStatus).orElse(null),
                node.map(NodeStatus::reportTimestamp).orElse(null), inventory.reports(certname, limit));
    }
}
