package io.puppetplane.inventory.web;

import java.util.UUID;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Whatever escapes a resource: JAX-RS's own answers (404, 405, 415 …) as they are, anything else as a 500 whose
 * body names an id to find in the log, never a stack trace.
 */
public class UnexpectedErrorMapper {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class);

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        if (e instanceof WebApplicationException w) {
            Response r = w.getResponse();
            String message = w.getMessage() == null ? r.getStatusInfo().getReasonPhrase() : w.getMessage();
            return Response.status(r.getStatus()).type("text/plain; charset=utf-8").entity(message).build();
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s", id);
        return Response.serverError().type("text/plain; charset=utf-8")
                .entity("Internal error " + id + " (see the inventory-service log)").build();
    }
}
