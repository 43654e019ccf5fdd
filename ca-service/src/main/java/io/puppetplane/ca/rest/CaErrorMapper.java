package io.puppetplane.ca.rest;

import java.util.UUID;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.puppetplane.ca.service.CaRequestException;
import io.puppetplane.outbox.DatabaseOutage;

/**
 * A refused request becomes its status with a plain-text message, as Puppet Server answers. While the database is out
 * of reach every request that needs it gets 503 + Retry-After (agents and the CLI try again); anything else
 * unexpected is a 500 with an id, the details only in the log.
 */
public class CaErrorMapper {

    private static final Logger LOG = Logger.getLogger(CaErrorMapper.class);

    @ServerExceptionMapper
    public Response refused(CaRequestException e) {
        return text(e.status(), e.getMessage()).build();
    }

    /** Routing and content negotiation answers (404, 405, 415…) stay as RESTEasy made them. */
    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        return e.getResponse();
    }

    /**
     * Retry-After only on requests without a body: Puppet's agent then retries the same request itself, but its retry
     * of a PUT (the CSR) fails on the spent body ("attempt to read body out of block"); without the header the agent's
     * SSL state machine waits {@code waitforcert} and starts over, which works.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, Request request) {
        if (DatabaseOutage.causedBy(e)) {
            LOG.warnf("answering 503: the CA's database is out of reach (%s)", e.getMessage());
            Response.ResponseBuilder answer = text(503,
                    "Service Unavailable: the CA's database is out of reach; retry later");
            if (HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod())) {
                answer.header("Retry-After", DatabaseOutage.RETRY_AFTER_SECONDS);
            }
            return answer.build();
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "internal error %s", id);
        return text(500, "Server Error: internal error " + id + " (details are in the server log)").build();
    }

    private static Response.ResponseBuilder text(int status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN).entity(message);
    }
}
