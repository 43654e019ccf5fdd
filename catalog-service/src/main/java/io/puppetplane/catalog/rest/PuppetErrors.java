package io.puppetplane.catalog.rest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.puppetplane.catalog.service.PuppetApiException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Every error leaves as puppetserver's JSON {@code {"message":…,"issue_kind":…}}, which the agent prints as
 * "Error CODE on SERVER: message". Unexpected failures are logged with an id and never show a stack trace.
 */
public class PuppetErrors {

    private static final Logger LOG = Logger.getLogger(PuppetErrors.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @ServerExceptionMapper
    public Response refused(PuppetApiException e) {
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON)
            .entity(body(e.getMessage(), e.issueKind()));
        if (e.retryAfterSeconds() != null) {
            response.header("Retry-After", e.retryAfterSeconds());
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return Response.status(status).type(MediaType.APPLICATION_JSON)
            .entity(body(reason + ": " + e.getMessage(), status == 404 ? "RESOURCE_NOT_FOUND" : "BAD_REQUEST"))
            .build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "internal error %s", id);
        return Response.status(500).type(MediaType.APPLICATION_JSON)
            .entity(body("Server Error: internal error " + id + " (details are in the server log)", "RUNTIME_ERROR"))
            .build();
    }

    /**
     * The JSON body as text: a String entity is written whatever the request accepted, so a file_content request
     * (Accept: application/octet-stream) still gets its 404 and message rather than a 406.
     */
    static String body(String message, String issueKind) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("issue_kind", issueKind);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("two strings are always JSON", e);
        }
    }
}
