package io.puppetplane.catalog.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The simple status endpoints: server_list probes {@code /status/v1/simple/server} without an Accept header and
 * without a client certificate; any Accept gets {@code text/plain running}.
 */
@Path("/status/v1/simple")
public class StatusResource {

    @GET
    public Response simple() {
        return running();
    }

    @GET
    @Path("{service: server|master}")
    public Response server() {
        return running();
    }

    private static Response running() {
        return Response.ok("running", MediaType.TEXT_PLAIN_TYPE).build();
    }
}
