package io.puppetplane.inventory.meta.rest;

import java.time.Clock;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.puppetplane.inventory.query.service.QueryRunner;
import io.puppetplane.inventory.wire.WireTime;

/** PuppetDB's meta API: the version clients check (Puppetboard needs at least 5.2.0) and the server's clock. */
@Path("/pdb/meta/v1")
public class MetaResource {

    /** The PuppetDB release whose API this service gives. */
    public static final String PUPPETDB_VERSION = "7.12.1";

    private final Clock clock;
    private final ObjectMapper mapper;

    MetaResource(Clock clock, ObjectMapper mapper) {
        this.clock = clock;
        this.mapper = mapper;
    }

    @GET
    @Path("version")
    public Response version() {
        return Response.ok(mapper.createObjectNode().put("version", PUPPETDB_VERSION).toString(), QueryRunner.JSON)
                .build();
    }

    @GET
    @Path("server-time")
    public Response serverTime() {
        return Response.ok(mapper.createObjectNode().put("server_time", WireTime.format(clock.instant())).toString(),
                QueryRunner.JSON).build();
    }
}
