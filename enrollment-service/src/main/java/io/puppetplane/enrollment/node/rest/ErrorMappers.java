package io.puppetplane.enrollment.node.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.puppetplane.enrollment.node.service.InvalidNodeRequestException;
import io.puppetplane.enrollment.node.service.NodeConflictException;
import io.puppetplane.enrollment.node.service.NodeNotFoundException;

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

    static Response answer(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(status.getStatusCode(), message)).build();
    }
}
