package io.puppetplane.enrollment.node.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.puppetplane.enrollment.node.service.InvalidNodeRequestException;
import io.puppetplane.enrollment.node.service.NodeConflictException;
import io.puppetplane.enrollment.node.service.NodeNotFoundException;
import io.puppetplane.enrollment.operator.service.OperatorRequestException;
import io.quarkus.security.ForbiddenException;

/** Request errors become 4xx answers with a message; never a stack trace. */
public class ErrorMappers {

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

    static Response answer(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(status.getStatusCode(), message)).build();
    }
}
