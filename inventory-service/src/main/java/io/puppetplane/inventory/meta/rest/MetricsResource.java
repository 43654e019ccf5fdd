package io.puppetplane.inventory.meta.rest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.puppetplane.inventory.meta.repository.Population;
import io.puppetplane.inventory.query.service.QueryRunner;

/**
 * The Jolokia reads of PuppetDB's metrics v2 that Puppetboard and pypuppetdb make: the population gauges. Unknown
 * MBeans answer as Jolokia does, with {@code error} and {@code status} 404 in the body.
 */
@Path("/metrics/v2")
public class MetricsResource {

    private static final String DOMAIN = "puppetlabs.puppetdb.population";

    private final Population population;
    private final ObjectMapper mapper;

    MetricsResource(Population population, ObjectMapper mapper) {
        this.population = population;
        this.mapper = mapper;
    }

    private Map<String, Supplier<Number>> gauges() {
        Map<String, Supplier<Number>> gauges = new LinkedHashMap<>();
        gauges.put("num-nodes", population::activeNodes);
        gauges.put("num-active-nodes", population::activeNodes);
        gauges.put("num-inactive-nodes", population::inactiveNodes);
        gauges.put("num-resources", population::resources);
        gauges.put("avg-resources-per-node", () -> {
            long nodes = population.activeNodes();
            return nodes == 0 ? 0.0 : population.resources() / (double) nodes;
        });
        gauges.put("pct-resource-dupes", population::resourceDuplication);
        return gauges;
    }

    @GET
    @Path("list")
    public Response list() {
        ObjectNode out = mapper.createObjectNode();
        out.putObject("request").put("type", "list");
        ObjectNode domain = out.putObject("value").putObject(DOMAIN);
        for (String name : gauges().keySet()) {
            domain.putObject("name=" + name).putObject("attr").putObject("Value").put("rw", false)
                    .put("type", "java.lang.Object").put("desc", "Attribute exposed for management");
        }
        out.put("timestamp", System.currentTimeMillis() / 1000).put("status", 200);
        return Response.ok(out.toString(), QueryRunner.JSON).build();
    }

    @GET
    @Path("read/{mbean: .+}")
    public Response read(@PathParam("mbean") String mbean) {
        String name = mbean.startsWith(DOMAIN + ":name=") ? mbean.substring(DOMAIN.length() + 6) : null;
        int attribute = name == null ? -1 : name.indexOf('/');
        if (attribute > 0) {
            name = name.substring(0, attribute);
        }
        Supplier<Number> gauge = name == null ? null : gauges().get(name);
        ObjectNode out = mapper.createObjectNode();
        out.putObject("request").put("mbean", mbean).put("type", "read");
        if (gauge == null) {
            out.put("error_type", "javax.management.InstanceNotFoundException")
                    .put("error", "javax.management.InstanceNotFoundException : " + mbean).put("status", 404);
            return Response.ok(out.toString(), QueryRunner.JSON).build();
        }
        Number value = gauge.get();
        ObjectNode v = out.putObject("value");
        if (value instanceof Double d) {
            v.put("Value", d);
        } else {
            v.put("Value", value.longValue());
        }
        out.put("timestamp", System.currentTimeMillis() / 1000).put("status", 200);
        return Response.ok(out.toString(), QueryRunner.JSON).build();
    }
}
