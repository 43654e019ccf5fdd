package io.puppetplane.enrollment.node.rest;

import java.util.UUID;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.puppetplane.enrollment.inventory.service.InventoryUnavailableException;
import io.puppetplane.enrollment.node.service.InvalidNodeRequestException;
import io.puppetplane.enrollment.node.service.NodeConflictException;
import io.puppetplane.enrollment.node.service.NodeNotFoundException;
import io.puppetplane.enrollment.operator.service.OperatorRequestException;
import io.puppetplane.outbox.DatabaseOutage;
import io.quarkus.security.ForbiddenException;

/**
 * Request errors become 4xx answers with a message; never a stack trace. While the database is out of reach, 503 +
 * Retry-After; while the inventory is, 503 naming it; anything else unexpected is a 500 with an id, the details only in the log.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    /** The error body. */
    public record ErrorBody(int status, String message) {
    }

    @ServerExceptionMapper
    public Response notFound(NodeNotFoundException e) {
        return answer(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalid(InvalidNodeRequestException e) {
        return answer(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(NodeConflictException e) {
        return answer(Response.Status.CONFLICT, e.getMessage());
    }

    @ServerExceptionMapper
    public Response refused(OperatorRequestException e) {
        return answer(switch (e.kind()) {
            case INVALID -> Response.Status.BAD_REQUEST;
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case CONFLICT -> Response.Status.CONFLICT;
        }, e.getMessage());
    }

    /** An authenticated operator whose role does not allow the request (anonymous callers get the challenge). */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return answer(Response.Status.FORBIDDEN, "this operator may not do that: it needs the admin role");
    }

    /** Facts and runs live in inventory-service: while it cannot be asked, what needs them is 503 with the reason. */
    @ServerExceptionMapper
    public Response inventoryUnavailable(InventoryUnavailableException e) {
        LOG.warnf("answering 503: %s", e.getMessage());
        return answer(Response.Status.SERVICE_UNAVAILABLE, "facts and runs come from inventory-service, which cannot "
                + "be asked now: " + e.getMessage());
    }

    /** Routing and content negotiation answers (404, 405, 415…) and redirects stay as RESTEasy made them. */
    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        return e.getResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (DatabaseOutage.causedBy(e)) {
            LOG.warnf("answering 503: enrollment-service's database is out of reach (%s)", e.getMessage());
            Response answer = answer(Response.Status.SERVICE_UNAVAILABLE,
                    "the enrollment database is out of reach; retry later");
            return Response.fromResponse(answer).header("Retry-After", DatabaseOutage.RETRY_AFTER_SECONDS).build();
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "internal error %s", id);
        return answer(Response.Status.INTERNAL_SERVER_ERROR, "internal error " + id
                + " (details are in the server log)");
    }

    static Response answer(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(status.getStatusCode(), message)).build();
    }
}
