package io.puppetplane.inventory.query.rest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.puppetplane.inventory.config.InventoryConfig;
import io.puppetplane.inventory.query.ast.QueryException;
import io.puppetplane.inventory.query.engine.Entities;
import io.puppetplane.inventory.query.engine.Entity;
import io.puppetplane.inventory.query.engine.FieldType;
import io.puppetplane.inventory.query.engine.QueryCompiler;
import io.puppetplane.inventory.query.engine.QueryCompiler.CompiledQuery;
import io.puppetplane.inventory.query.engine.QueryCompiler.OutputColumn;
import io.puppetplane.inventory.query.engine.QueryCompiler.Paging;
import io.puppetplane.inventory.query.rest.QueryRequest.Extra;
import io.puppetplane.inventory.query.service.QueryRunner;
import io.puppetplane.inventory.query.service.ResultShape;

/**
 * PuppetDB's query API v4 ({@code http/handlers.clj}): the root endpoint, every entity endpoint and their child
 * routes, by GET with URL parameters or POST with a JSON body. Child routes answer 404 JSON when their parent (node,
 * catalog, factset, environment, producer, report) is unknown. The endpoints PuppetDB restricts to active nodes
 * add {@code ["=","node_state","active"]} unless the query names node_state itself.
 */
@Path("/pdb/query/v4")
public class QueryResource {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Endpoints (and root entities) that show active nodes only unless asked otherwise. */
    private static final Set<String> ACTIVE_ONLY = Set.of("nodes", "facts", "factsets", "fact_contents", "resources",
            "edges", "inventory", "package_inventory", "catalog_inputs", "catalog_input_contents");
    /** Root entities PuppetDB leaves unrestricted although the root restricts the others. */
    private static final Set<String> ROOT_UNRESTRICTED = Set.of("fact_paths", "environments", "packages");

    private final QueryRunner runner;
    private final InventoryConfig config;
    private final Clock clock;
    private final ObjectMapper mapper;

    QueryResource(QueryRunner runner, InventoryConfig config, Clock clock, ObjectMapper mapper) {
        this.runner = runner;
        this.config = config;
        this.clock = clock;
        this.mapper = mapper;
    }

    @GET
    public Response rootGet(@Context UriInfo uri) {
        return root(QueryRequest.fromParams(uri.getQueryParameters(), Extra.ROOT, mapper));
    }

    @POST
    public Response rootPost(String body) {
        return root(QueryRequest.fromBody(body, Extra.ROOT, mapper));
    }

    @GET
    @Path("{a}")
    public Response get1(@PathParam("a") String a, @Context UriInfo uri) {
        return route(List.of(a), uri, null);
    }

    @POST
    @Path("{a}")
    public Response post1(@PathParam("a") String a, String body) {
        return route(List.of(a), null, body);
    }

    @GET
    @Path("{a}/{b}")
    public Response get2(@PathParam("a") String a, @PathParam("b") String b, @Context UriInfo uri) {
        return route(List.of(a, b), uri, null);
    }

    @POST
    @Path("{a}/{b}")
    public Response post2(@PathParam("a") String a, @PathParam("b") String b, String body) {
        return route(List.of(a, b), null, body);
    }

    @GET
    @Path("{a}/{b}/{c}")
    public Response get3(@PathParam("a") String a, @PathParam("b") String b, @PathParam("c") String c,
            @Context UriInfo uri) {
        return route(List.of(a, b, c), uri, null);
    }

    @POST
    @Path("{a}/{b}/{c}")
    public Response post3(@PathParam("a") String a, @PathParam("b") String b, @PathParam("c") String c,
            String body) {
        return route(List.of(a, b, c), null, body);
    }

    @GET
    @Path("{a}/{b}/{c}/{d}")
    public Response get4(@PathParam("a") String a, @PathParam("b") String b, @PathParam("c") String c,
            @PathParam("d") String d, @Context UriInfo uri) {
        return route(List.of(a, b, c, d), uri, null);
    }

    @POST
    @Path("{a}/{b}/{c}/{d}")
    public Response post4(@PathParam("a") String a, @PathParam("b") String b, @PathParam("c") String c,
            @PathParam("d") String d, String body) {
        return route(List.of(a, b, c, d), null, body);
    }

    @GET
    @Path("{a}/{b}/{c}/{d}/{e}")
    public Response get5(@PathParam("a") String a, @PathParam("b") String b, @PathParam("c") String c,
            @PathParam("d") String d, @PathParam("e") String e, @Context UriInfo uri) {
        return route(List.of(a, b, c, d, e), uri, null);
    }

    @POST
    @Path("{a}/{b}/{c}/{d}/{e}")
    public Response post5(@PathParam("a") String a, @PathParam("b") String b, @PathParam("c") String c,
            @PathParam("d") String d, @PathParam("e") String e, String body) {
        return route(List.of(a, b, c, d, e), null, body);
    }

    private Response root(QueryRequest r) {
        if (r.query() == null) {
            throw new QueryException("Missing required query parameter 'query'");
        }
        if (r.flag("ast_only")) {
            return Response.ok(r.query().toString(), QueryRunner.JSON).build();
        }
        Entity entity = variant(QueryCompiler.rootEntity(r.query()), r);
        boolean restrict = entity.certnameSql() != null && !ROOT_UNRESTRICTED.contains(entity.name());
        CompiledQuery compiled = compiler().compileRoot(r.query(), entity, r.paging(), r.includeTotal(), restrict);
        return runner.run(compiled, ResultShape.ROWS, null);
    }

    private Response route(List<String> path, UriInfo uri, String body) {
        String endpoint = path.get(0).replace('-', '_');
        Extra extra = switch (endpoint) {
            case "events" -> Extra.EVENTS;
            case "event_counts", "aggregate_event_counts" -> Extra.EVENT_COUNTS;
            default -> path.size() == 3 && path.get(2).equals("events") ? Extra.EVENTS : Extra.NONE;
        };
        QueryRequest r = uri != null ? QueryRequest.fromParams(uri.getQueryParameters(), extra, mapper)
                : QueryRequest.fromBody(body, extra, mapper);
        String p1 = path.size() > 1 ? path.get(1) : null;
        String p2 = path.size() > 2 ? path.get(2) : null;
        return switch (endpoint) {
            case "fact_names" -> path.size() == 1 ? factNames(r) : notFoundRoute();
            case "event_counts" -> path.size() == 1 ? eventCounts(r) : notFoundRoute();
            case "aggregate_event_counts" -> path.size() == 1 ? aggregateEventCounts(r) : notFoundRoute();
            case "nodes" -> nodes(r, p1, p2, path);
            case "facts" -> path.size() <= 3 ? list("facts", r, factRestriction(p1, p2)) : notFoundRoute();
            case "resources" -> path.size() <= 3 ? list("resources", r, resourceRestriction(p1, p2))
                    : notFoundRoute();
            case "catalogs" -> catalogs(r, p1, p2, path);
            case "factsets" -> factsets(r, p1, p2, path);
            case "environments" -> environments(r, p1, p2, path);
            case "producers" -> producers(r, p1, p2, path);
            case "reports" -> reports(r, p1, p2, path);
            default -> path.size() == 1 && Entities.named(endpoint).isPresent()
                    && !endpoint.equals("fact_names") ? list(endpoint, r, List.of()) : notFoundRoute();
        };
    }

    private Response nodes(QueryRequest r, String node, String child, List<String> path) {
        if (node == null) {
            return list("nodes", r, List.of());
        }
        if (child == null) {
            return single(variant(Entities.named("nodes").orElseThrow(), r), "certname", node, "node");
        }
        if (!runner.exists("SELECT 1 FROM certnames WHERE certname = ?", node)) {
            return QueryRunner.notFound("No information is known about node " + node);
        }
        List<JsonNode> restrictions = new ArrayList<>();
        restrictions.add(equal("certname", node));
        String a = path.size() > 3 ? path.get(3) : null;
        String b = path.size() > 4 ? path.get(4) : null;
        return switch (child) {
            case "facts" -> {
                restrictions.addAll(factRestriction(a, b));
                yield list("facts", r, restrictions);
            }
            case "resources" -> {
                restrictions.addAll(resourceRestriction(a, b));
                yield list("resources", r, restrictions);
            }
            default -> notFoundRoute();
        };
    }

    private Response catalogs(QueryRequest r, String node, String child, List<String> path) {
        if (node == null) {
            return list("catalogs", r, List.of());
        }
        if (child == null) {
            return single(Entities.named("catalogs").orElseThrow(), "certname", node, "catalog");
        }
        if (!runner.exists("SELECT 1 FROM catalogs WHERE certname = ?", node)) {
            return QueryRunner.notFound("No information is known about catalog " + node);
        }
        List<JsonNode> restrictions = new ArrayList<>(List.of(equal("certname", node)));
        return switch (child) {
            case "edges" -> path.size() == 3 ? list("edges", r, restrictions) : notFoundRoute();
            case "resources" -> {
                restrictions.addAll(resourceRestriction(path.size() > 3 ? path.get(3) : null,
                        path.size() > 4 ? path.get(4) : null));
                yield list("resources", r, restrictions);
            }
            default -> notFoundRoute();
        };
    }

    private Response factsets(QueryRequest r, String node, String child, List<String> path) {
        if (node == null) {
            return list("factsets", r, List.of());
        }
        if (child == null) {
            return single(variant(Entities.named("factsets").orElseThrow(), r), "certname", node, "factset");
        }
        if (!child.equals("facts") || path.size() != 3) {
            return notFoundRoute();
        }
        if (!runner.exists("SELECT 1 FROM factsets WHERE certname = ?", node)) {
            return QueryRunner.notFound("No information is known about factset " + node);
        }
        return list("factsets", r, List.of(equal("certname", node)));
    }

    private Response environments(QueryRequest r, String environment, String child, List<String> path) {
        if (environment == null) {
            return list("environments", r, List.of());
        }
        if (child == null) {
            return single(Entities.named("environments").orElseThrow(), "name", environment, "environment");
        }
        if (!Set.of("facts", "resources", "reports", "events").contains(child) || path.size() != 3) {
            return notFoundRoute();
        }
        if (!runner.exists("SELECT 1 FROM environments WHERE environment = ?", environment)) {
            return QueryRunner.notFound("No information is known about environment " + environment);
        }
        return list(child, r, List.of(equal("environment", environment)));
    }

    private Response producers(QueryRequest r, String producer, String child, List<String> path) {
        if (producer == null) {
            return list("producers", r, List.of());
        }
        if (child == null) {
            return single(Entities.named("producers").orElseThrow(), "name", producer, "producer");
        }
        if (!Set.of("factsets", "catalogs", "reports").contains(child) || path.size() != 3) {
            return notFoundRoute();
        }
        if (!runner.exists("SELECT 1 FROM producers WHERE name = ?", producer)) {
            return QueryRunner.notFound("No information is known about producer " + producer);
        }
        return list(child, r, List.of(equal("producer", producer)));
    }

    private Response reports(QueryRequest r, String hash, String child, List<String> path) {
        if (hash == null) {
            return list("reports", r, List.of());
        }
        if (child == null || path.size() != 3) {
            return notFoundRoute();
        }
        if (!runner.exists("SELECT 1 FROM reports WHERE hash = ?", hash)) {
            return QueryRunner.notFound("No information is known about report " + hash);
        }
        return switch (child) {
            case "events" -> list("events", r, List.of(equal("report", hash)));
            case "metrics", "logs" -> runner.run(new CompiledQuery(Entities.named("reports").orElseThrow(),
                    "SELECT reports." + child + " FROM reports WHERE reports.hash = ?", List.of(hash),
                    List.of(new OutputColumn(child, FieldType.JSON)), false, null, List.of()),
                    ResultShape.FIRST_VALUE, "No information is known about report " + hash);
            default -> notFoundRoute();
        };
    }

    private Response factNames(QueryRequest r) {
        Paging paging = r.paging().orderBy().isEmpty()
                ? new Paging(List.of(new QueryCompiler.Order("name", false)), r.paging().limit(), r.paging().offset())
                : r.paging();
        CompiledQuery compiled = compiler().compile(Entities.factNames(), r.query(), paging, r.includeTotal(), false);
        return runner.run(compiled, ResultShape.VALUES, null);
    }

    private Response eventCounts(QueryRequest r) {
        String summarizeBy = r.option("summarize_by");
        if (summarizeBy == null) {
            throw new QueryException("Missing required query parameter 'summarize_by'");
        }
        CompiledQuery compiled = compiler().eventCounts(r.query(), summarizeBy, r.option("count_by"),
                countsFilter(r), r.paging(), r.includeTotal());
        return runner.run(compiled, ResultShape.EVENT_COUNTS, null);
    }

    private Response aggregateEventCounts(QueryRequest r) {
        String summarizeBy = r.option("summarize_by");
        if (summarizeBy == null) {
            throw new QueryException("Missing required query parameter 'summarize_by'");
        }
        CompiledQuery compiled = compiler().aggregateEventCounts(r.query(), summarizeBy, r.option("count_by"),
                countsFilter(r));
        return runner.run(compiled, ResultShape.ROWS, null);
    }

    private JsonNode countsFilter(QueryRequest r) {
        String filter = r.option("counts_filter");
        return filter == null || filter.isBlank() ? null : QueryRequest.parseQuery(filter, mapper);
    }

    private Response list(String entityName, QueryRequest r, List<JsonNode> restrictions) {
        Entity entity = variant(Entities.named(entityName).orElseThrow(), r);
        JsonNode query = restrict(r.query(), restrictions);
        CompiledQuery compiled = compiler().compile(entity, query, r.paging(), r.includeTotal(),
                ACTIVE_ONLY.contains(entity.name()));
        return runner.run(compiled, ResultShape.ROWS, null);
    }

    private Response single(Entity entity, String field, String value, String what) {
        CompiledQuery compiled = compiler().compile(entity, equal(field, value), Paging.NONE, false, false);
        return runner.run(compiled, ResultShape.SINGLE, "No information is known about " + what + " " + value);
    }

    private static Entity variant(Entity entity, QueryRequest r) {
        if (entity.name().equals("nodes") && r.flag("include_facts_expiration")) {
            return Entities.nodesWithFactExpiration();
        }
        if (entity.name().equals("factsets") && r.flag("include_package_inventory")) {
            return Entities.factsetsWithPackages();
        }
        return entity;
    }

    private QueryCompiler compiler() {
        return new QueryCompiler(clock.instant().minus(config.nodePurgeTtl()));
    }

    private static List<JsonNode> factRestriction(String name, String value) {
        List<JsonNode> clauses = new ArrayList<>();
        if (name != null) {
            clauses.add(equal("name", name));
        }
        if (value != null) {
            clauses.add(equal("value", value));
        }
        return clauses;
    }

    /** /resources/<Type>/<title>: the type is capitalised per :: segment as PuppetDB's route does. */
    private static List<JsonNode> resourceRestriction(String type, String title) {
        List<JsonNode> clauses = new ArrayList<>();
        if (type != null) {
            clauses.add(equal("type", capitalize(type)));
        }
        if (title != null) {
            clauses.add(equal("title", title));
        }
        return clauses;
    }

    static String capitalize(String type) {
        StringBuilder out = new StringBuilder();
        for (String segment : type.split("::", -1)) {
            if (out.length() > 0) {
                out.append("::");
            }
            out.append(segment.isEmpty() ? "" : Character.toUpperCase(segment.charAt(0)) + segment.substring(1));
        }
        return out.toString();
    }

    private static JsonNode equal(String field, String value) {
        return JSON.arrayNode().add("=").add(field).add(value);
    }

    /** Adds {@code clauses} to the user's query, inside a top-level extract (PuppetDB's add-criteria). */
    static JsonNode restrict(JsonNode query, List<JsonNode> clauses) {
        if (clauses.isEmpty()) {
            return query;
        }
        if (query != null && query.isArray() && query.size() >= 2 && "extract".equals(query.get(0).asText())) {
            ArrayNode out = JSON.arrayNode().add("extract").add(query.get(1));
            JsonNode filter = null;
            JsonNode groupBy = null;
            for (int i = 2; i < query.size(); i++) {
                if (query.get(i).isArray() && "group_by".equals(query.get(i).path(0).asText())) {
                    groupBy = query.get(i);
                } else {
                    filter = query.get(i);
                }
            }
            out.add(restrict(filter, clauses));
            if (groupBy != null) {
                out.add(groupBy);
            }
            return out;
        }
        ArrayNode and = JSON.arrayNode().add("and");
        if (query != null) {
            and.add(query);
        }
        clauses.forEach(and::add);
        return and.size() == 2 ? and.get(1) : and;
    }

    private static Response notFoundRoute() {
        return Response.status(404).type("text/plain; charset=utf-8").entity("Route not found").build();
    }
}
