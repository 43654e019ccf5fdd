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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.puppetplane.enrollment.node.repository.AgentObservation;
import io.puppetplane.enrollment.node.repository.Node;
import io.puppetplane.enrollment.node.repository.NodeFilter;
import io.puppetplane.enrollment.node.repository.NodeRepository;
import io.puppetplane.enrollment.node.repository.NodeState;
import io.puppetplane.enrollment.node.repository.ObservationRepository;
import io.puppetplane.enrollment.node.service.InvalidNodeRequestException;
import io.puppetplane.enrollment.node.service.NodeConflictException;
import io.puppetplane.enrollment.node.service.NodeNotFoundException;
import io.puppetplane.enrollment.node.service.NodeService;
import io.puppetplane.enrollment.operator.repository.OperatorRole;
import io.puppetplane.enrollment.operator.service.CurrentOperator;
import io.puppetplane.enrollment.operator.service.FormTokens;
import io.puppetplane.enrollment.operator.service.OperatorAudit;
import io.quarkus.qute.Template;

/**
 * The operator dashboard: server-side HTML, plain forms, no scripts. Every operator sees it; the forms that change
 * things are shown to admins only, carry a CSRF token ({@link CsrfGuard}) and are audited.
 */
@Path("/")
@RolesAllowed({ OperatorRole.ADMIN_NAME, OperatorRole.VIEWER_NAME })
public class DashboardResource {

    /** One line of the nodes table. */
    public record NodeRow(String certname, String address, String kind, String role, String classes, String state,
            String failure, String lastRunStatus, Instant lastRunAt, boolean active) {
    }

    private final Template dashboard;
    private final NodeService nodes;
    private final NodeRepository repository;
    private final ObservationRepository observations;
    private final CurrentOperator operator;
    private final FormTokens tokens;
    private final OperatorAudit audit;

    DashboardResource(Template dashboard, NodeService nodes, NodeRepository repository,
            ObservationRepository observations, CurrentOperator operator, FormTokens tokens, OperatorAudit audit) {
        this.dashboard = dashboard;
        this.nodes = nodes;
        this.repository = repository;
        this.observations = observations;
        this.operator = operator;
        this.tokens = tokens;
        this.audit = audit;
    }

    @GET
    public Response root() {
        return Response.seeOther(URI.create("/dashboard")).build();
    }

    @GET
    @Path("dashboard")
    @Produces(MediaType.TEXT_HTML)
    public String page() {
        return render(null);
    }

    @POST
    @Path("dashboard/nodes/{certname}/role")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed(OperatorRole.ADMIN_NAME)
    public Response assignRole(@PathParam("certname") String certname, @FormParam("role") String role) {
        String wanted = role == null || role.isBlank() ? null : role.strip();
        return act(() -> audit.perform("node.classify", certname, () -> {
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
        return act(() -> audit.perform("node.decommission", certname,
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
        return Response.status(status).type(MediaType.TEXT_HTML).entity(render(error)).build();
    }

    private String render(String error) {
        List<NodeRow> rows = nodes.list(NodeFilter.all()).stream().map(this::row).toList();
        Map<String, Integer> roles = repository.roleCounts();
        return dashboard.data("error", error).data("operator", operator.name()).data("admin", operator.isAdmin())
                .data("csrf", tokens.issue(operator.name())).data("nodes", rows).data("roles", roles.entrySet())
                .data("pending", observations.pendingCsrs()).data("reports", observations.recentReports(20))
                .render();
    }

    private NodeRow row(Node n) {
        AgentObservation seen = observations.find(n.certname());
        String classes = String.join(", ", n.classes().keySet());
        return new NodeRow(n.certname(), n.address(), n.kind().wireName(), n.role(), classes, n.state().wireName(),
                n.failureReason(), seen.lastRunStatus(), seen.lastRunAt(), n.state() != NodeState.DECOMMISSIONED);
    }
}
