package io.puppetplane.catalog.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The simple status endpoints: server_list probes {@code /status/v1/simple/server}; no client certificate needed. */
@Path("/status/v1/simple")
@Produces(MediaType.TEXT_PLAIN)
public class StatusResource {

    @GET
    public String simple() {
        return "running";
    }

    @GET
    @Path("{service: server|master}")
    public String server() {
        return "running";
    }
}
