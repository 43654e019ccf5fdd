package io.puppetplane.enrollment.dashboard.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.puppetplane.enrollment.inventory.service.FactSet;
import io.puppetplane.enrollment.inventory.service.InventoryUnavailableException;
import io.puppetplane.enrollment.inventory.service.NodeStatus;
import io.puppetplane.enrollment.inventory.service.PuppetDbQueries;
import io.puppetplane.enrollment.inventory.service.RunReport;
import io.puppetplane.enrollment.node.repository.Node;
import io.puppetplane.enrollment.node.repository.NodeFilter;
import io.puppetplane.enrollment.node.repository.NodeRepository;
import io.puppetplane.enrollment.node.repository.NodeState;
import io.puppetplane.enrollment.node.repository.ObservationRepository;
import io.puppetplane.enrollment.node.service.InvalidNodeRequestException;
import io.puppetplane.enrollment.node.service.NodeConflictException;
import io.puppetplane.enrollment.node.service.NodeNotFoundException;
import io.puppetplane.enrollment.node.service.NodeService;
import io.puppetplane.enrollment.operator.repository.OperatorActionRepository;
import io.puppetplane.enrollment.operator.repository.OperatorRole;
import io.puppetplane.enrollment.operator.service.CurrentOperator;
import io.puppetplane.enrollment.operator.service.FormTokens;
import io.puppetplane.enrollment.operator.service.OperatorAudit;
import io.quarkus.qute.Template;

/**
 * The operator dashboard: server-side HTML, plain forms, no scripts. Every operator sees it; the forms that change
 * things are shown to admins only, carry a CSRF token ({@link CsrfGuard}) and are audited. Nodes, their pipeline
 * and certificates are this service's; facts and runs are read from inventory-service when the page is rendered,
 * and a page whose inventory cannot be asked says so and shows the rest.
 */
@Path("/")
@RolesAllowed({ OperatorRole.ADMIN_NAME, OperatorRole.VIEWER_NAME })
public class DashboardResource {

    /** The nodes table's search: a part of the certname, a state and a role, each optional. */
    public record NodeSearch(String q, String state, String role) {
        static final NodeSearch ALL = new NodeSearch("", "", "");

        boolean matches(Node n) {
            return (q.isEmpty() || n.certname().contains(q.toLowerCase(java.util.Locale.ROOT)))
                    && (state.isEmpty() || n.state().wireName().equals(state))
                    && (role.isEmpty() || role.equals(n.role()));
        }
    }

    /** One fact of a node's page: its name and its value as JSON. */
    public record FactRow(String name, String value) {
    }

    /**
     * The inventory's part of one page: asked until its first failure, after which the page shows the rest without
     * waiting on it again; {@code unavailable} then says why.
     */
    private static final class InventoryPart {
        private final PuppetDbQueries inventory;
        private String unavailable;

        InventoryPart(PuppetDbQueries inventory) {
            this.inventory = inventory;
        }

        <T> T ask(java.util.function.Function<PuppetDbQueries, T> query, T otherwise) {
            if (unavailable != null) {
                return otherwise;
            }
            try {
                return query.apply(inventory);
            } catch (InventoryUnavailableException e) {
                unavailable = "Facts and runs come from inventory-service, which cannot be asked now: "
                        + e.getMessage();
                return otherwise;
            }
        }
    }

    /** One line of the nodes table. */
    public record NodeRow(String certname, String address, String kind, String role, String classes, String state,
            String failure, String lastRunStatus, Instant lastRunAt, boolean active) {
    }

    private final Template dashboard;
    private final Template audit;
    private final Template nodeTemplate;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;
    private final NodeService nodes;
    private final NodeRepository repository;
    private final ObservationRepository observations;
    private final PuppetDbQueries inventory;
    private final CurrentOperator operator;
    private final FormTokens tokens;
    private final OperatorAudit auditTrail;
    private final OperatorActionRepository actions;

    DashboardResource(Template dashboard, Template audit, @io.quarkus.qute.Location("node.html") Template nodeTemplate,
            com.fasterxml.jackson.databind.ObjectMapper mapper, NodeService nodes, NodeRepository repository,
            ObservationRepository observations, PuppetDbQueries inventory, CurrentOperator operator,
            FormTokens tokens, OperatorAudit auditTrail, OperatorActionRepository actions) {
        this.dashboard = dashboard;
        this.audit = audit;
        this.nodeTemplate = nodeTemplate;
        this.mapper = mapper;
        this.actions = actions;
        this.nodes = nodes;
        this.repository = repository;
        this.observations = observations;
        this.inventory = inventory;
        this.operator = operator;
        this.tokens = tokens;
        this.auditTrail = auditTrail;
    }

    @GET
    public Response root() {
        return Response.seeOther(URI.create("/dashboard")).build();
    }

    @GET
    @Path("dashboard")
    @Produces(MediaType.TEXT_HTML)
    public String page(@QueryParam("q") String q, @QueryParam("state") String state,
            @QueryParam("role") String role) {
        return render(null, new NodeSearch(blankless(q), blankless(state), blankless(role)));
    }

    /** One node: its pipeline step and history, facts, recent runs and what operators did to it. */
    @GET
    @Path("dashboard/nodes/{certname}")
    @Produces(MediaType.TEXT_HTML)
    public String nodePage(@PathParam("certname") String certname) {
        Node node = nodes.get(certname);
        InventoryPart part = new InventoryPart(inventory);
        NodeStatus run = part.ask(i -> i.node(certname).orElse(null), null);
        Map<String, Object> factValues = part.ask(i -> i.facts(certname).map(FactSet::values).orElse(Map.of()),
                Map.of());
        List<FactRow> facts = new java.util.TreeMap<>(factValues).entrySet().stream()
                .map(e -> new FactRow(e.getKey(), json(e.getValue()))).toList();
        List<RunReport> reports = part.ask(i -> i.reports(certname, 20), List.of());
        return nodeTemplate.data("operator", operator.name()).data("admin", operator.isAdmin())
                .data("csrf", tokens.issue(operator.name())).data("node", row(node, run))
                .data("seen", observations.find(certname)).data("retryAt", node.nextRetryAt())
                .data("history", repository.history(certname)).data("facts", facts).data("reports", reports)
                .data("inventoryUnavailable", part.unavailable).data("actions", actions.recent(certname, 50))
                .render();
    }

    @GET
    @Path("dashboard/audit")
    @Produces(MediaType.TEXT_HTML)
    public String auditPage() {
        return audit.data("operator", operator.name()).data("admin", operator.isAdmin())
                .data("csrf", tokens.issue(operator.name())).data("actions", actions.recent(null, 200)).render();
    }

    @POST
    @Path("dashboard/nodes/{certname}/role")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed(OperatorRole.ADMIN_NAME)
    public Response assignRole(@PathParam("certname") String certname, @FormParam("role") String role) {
        String wanted = role == null || role.isBlank() ? null : role.strip();
        return act(() -> auditTrail.perform("node.classify", certname, () -> {
            Node node = nodes.get(certname);
            return nodes.classify(certname, wanted, node.classes());
        }, "role " + wanted));
    }

    @POST
    @Path("dashboard/nodes/{certname}/decommission")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed(OperatorRole.ADMIN_NAME)
    public Response decommission(@PathParam("certname") String certname) {
        return act(() -> auditTrail.perform("node.decommission", certname,
                () -> nodes.decommission(certname, "decommissioned from the dashboard by " + operator.name())));
    }

    /** Post/redirect/get on success; the page with the reason on a refusal. */
    private Response act(Runnable action) {
        try {
            action.run();
            return Response.seeOther(URI.create("/dashboard")).build();
        } catch (InvalidNodeRequestException e) {
            return page(Response.Status.BAD_REQUEST, e.getMessage());
        } catch (NodeNotFoundException e) {
            return page(Response.Status.NOT_FOUND, e.getMessage());
        } catch (NodeConflictException e) {
            return page(Response.Status.CONFLICT, e.getMessage());
        }
    }

    private Response page(Response.Status status, String error) {
        return Response.status(status).type(MediaType.TEXT_HTML).entity(render(error, NodeSearch.ALL)).build();
    }

    private String render(String error, NodeSearch search) {
        InventoryPart part = new InventoryPart(inventory);
        List<Node> matching = nodes.list(NodeFilter.all()).stream().filter(search::matches).toList();
        Map<String, NodeStatus> runs = matching.isEmpty() ? Map.of() : part.ask(PuppetDbQueries::nodes, Map.of());
        List<NodeRow> rows = matching.stream().map(n -> row(n, runs.get(n.certname()))).toList();
        List<RunReport> reports = part.ask(i -> i.recentReports(20), List.of());
        Map<String, Integer> roles = repository.roleCounts();
        Map<String, Integer> counts = repository.stateCounts();
        List<Map.Entry<String, Integer>> states = java.util.Arrays.stream(NodeState.values())
                .map(s -> Map.entry(s.wireName(), counts.getOrDefault(s.wireName(), 0))).toList();
        return dashboard.data("error", error).data("operator", operator.name()).data("admin", operator.isAdmin())
                .data("csrf", tokens.issue(operator.name())).data("nodes", rows).data("roles", roles.entrySet())
                .data("search", search).data("states", states)
                .data("pending", observations.pendingCsrs()).data("reports", reports)
                .data("inventoryUnavailable", part.unavailable).render();
    }

    private static String blankless(String value) {
        return value == null ? "" : value.strip();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /** {@code run} is the inventory's view of the node, null when it has none or could not be asked. */
    private NodeRow row(Node n, NodeStatus run) {
        String classes = String.join(", ", n.classes().keySet());
        return new NodeRow(n.certname(), n.address(), n.kind().wireName(), n.role(), classes, n.state().wireName(),
                n.failureReason(), run == null ? null : run.latestReportStatus(),
                run == null ? null : run.reportTimestamp(), n.state() != NodeState.DECOMMISSIONED);
    }
}
