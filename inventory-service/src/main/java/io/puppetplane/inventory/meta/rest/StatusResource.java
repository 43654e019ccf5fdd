package io.puppetplane.inventory.meta.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.puppetplane.inventory.query.service.QueryRunner;

/**
 * Trapperkeeper's status of the puppetdb service ({@code status.clj}): running while the database answers. Commands
 * are applied as they arrive, so the queue is always empty.
 */
@Path("/status/v1/services")
public class StatusResource {

    private final QueryRunner runner;
    private final ObjectMapper mapper;

    StatusResource(QueryRunner runner, ObjectMapper mapper) {
        this.runner = runner;
        this.mapper = mapper;
    }

    /** Services other than PuppetDB's are not known here, as in PuppetDB's trapperkeeper-status. */
    @GET
    @Path("{service}")
    public Response other(@PathParam("service") String service) {
        ObjectNode out = mapper.createObjectNode().put("kind", "service-not-found")
                .put("msg", "No status information found for service " + service);
        return Response.status(404).type(QueryRunner.JSON).entity(out.toString()).build();
    }

    @GET
    @Path("puppetdb-status")
    public Response status() {
        boolean up;
        try {
            up = runner.exists("SELECT 1");
        } catch (RuntimeException e) {
            up = false;
        }
        ObjectNode out = mapper.createObjectNode();
        out.put("service_version", MetaResource.PUPPETDB_VERSION).put("service_name", "puppetdb-status")
                .put("service_status_version", 1)
                .put("detail_level", "info").put("state", up ? "running" : "error");
        ObjectNode status = out.putObject("status");
        status.put("maintenance_mode?", false).put("queue_depth", 0).put("read_db_up?", up).put("write_db_up?", up)
                .put("write_dbs_up?", up);
        status.putObject("write_db").putObject("default").put("up?", up);
        out.putArray("active_alerts");
        return Response.status(up ? 200 : 503).type(QueryRunner.JSON).entity(out.toString()).build();
    }
}
