package io.puppetplane.enrollment.operator.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.puppetplane.enrollment.operator.repository.OperatorAccount;
import io.puppetplane.enrollment.operator.repository.OperatorAction;
import io.puppetplane.enrollment.operator.repository.OperatorActionRepository;
import io.puppetplane.enrollment.operator.repository.OperatorRole;
import io.puppetplane.enrollment.operator.service.CurrentOperator;
import io.puppetplane.enrollment.operator.service.OperatorAccounts;
import io.puppetplane.enrollment.operator.service.OperatorAudit;
import io.puppetplane.enrollment.operator.service.OperatorRequestException;

/** Operator accounts (admins only) and the audit trail (every operator). */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class OperatorResource {

    /** An account as shown: never its hash. */
    public record OperatorView(String name, String role, Instant createdAt, Instant updatedAt) {
        static OperatorView of(OperatorAccount a) {
            return new OperatorView(a.name(), a.role().wireName(), a.createdAt(), a.updatedAt());
        }
    }

    /** A new account, or a change (null fields stay as they are). */
    public record OperatorRequest(String name, String role, String password) {
    }

    /** Who is asking. */
    public record Me(String name, String role) {
    }

    private final OperatorAccounts accounts;
    private final OperatorAudit audit;
    private final OperatorActionRepository actions;
    private final CurrentOperator operator;

    OperatorResource(OperatorAccounts accounts, OperatorAudit audit, OperatorActionRepository actions,
            CurrentOperator operator) {
        this.accounts = accounts;
        this.audit = audit;
        this.actions = actions;
        this.operator = operator;
    }

    @GET
    @Path("me")
    @RolesAllowed({ OperatorRole.ADMIN_NAME, OperatorRole.VIEWER_NAME })
    public Me me() {
        return new Me(operator.name(), operator.role());
    }

    @GET
    @Path("operators")
    @RolesAllowed(OperatorRole.ADMIN_NAME)
    public List<OperatorView> list() {
        return accounts.list().stream().map(OperatorView::of).toList();
    }

    @POST
    @Path("operators")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(OperatorRole.ADMIN_NAME)
    public Response create(OperatorRequest request) {
        if (request == null) {
            throw new OperatorRequestException(OperatorRequestException.Kind.INVALID,
                    "an operator needs name, role and password");
        }
        OperatorView created = audit.perform("operator.create", request.name(),
                () -> OperatorView.of(accounts.create(request.name(), request.role(), request.password())));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @PUT
    @Path("operators/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(OperatorRole.ADMIN_NAME)
    public OperatorView change(@PathParam("name") String name, OperatorRequest request) {
        if (request == null || request.role() == null && request.password() == null) {
            throw new OperatorRequestException(OperatorRequestException.Kind.INVALID,
                    "say the new role and/or password");
        }
        String what = request.password() == null ? "role " + request.role()
                : request.role() == null ? "password" : "role " + request.role() + " and password";
        return audit.perform("operator.change", name,
                () -> OperatorView.of(accounts.change(name, request.role(), request.password())), what);
    }

    @DELETE
    @Path("operators/{name}")
    @RolesAllowed(OperatorRole.ADMIN_NAME)
    public Response remove(@PathParam("name") String name) {
        audit.perform("operator.remove", name, () -> {
            accounts.remove(name);
            return null;
        });
        return Response.noContent().build();
    }

    /** The newest audit entries, of one target (a certname or account) when {@code target} is given. */
    @GET
    @Path("audit")
    @RolesAllowed({ OperatorRole.ADMIN_NAME, OperatorRole.VIEWER_NAME })
    public List<OperatorAction> audit(@QueryParam("target") String target, @QueryParam("limit") Integer limit) {
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > 1000) {
            throw new BadRequestException("limit must be between 1 and 1000");
        }
        return actions.recent(target, n);
    }
}
