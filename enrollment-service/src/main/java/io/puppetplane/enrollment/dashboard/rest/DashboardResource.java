package io.puppetplane.enrollment.dashboard.rest;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.puppetplane.enrollment.certificate.service.CaAdminClient;
import io.puppetplane.enrollment.certificate.service.CertificateEntry;
import io.puppetplane.enrollment.dashboard.config.DashboardConfig;
import io.puppetplane.enrollment.dashboard.service.FleetCharts;
import io.puppetplane.enrollment.dashboard.service.RelativeTime;
import io.puppetplane.enrollment.dashboard.service.RunStatusClassifier;
import io.puppetplane.enrollment.inventory.service.FactSet;
import io.puppetplane.enrollment.inventory.service.InventoryUnavailableException;
import io.puppetplane.enrollment.inventory.service.NodeStatus;
import io.puppetplane.enrollment.inventory.service.PuppetDbQueries;
import io.puppetplane.enrollment.inventory.service.RunReport;
import io.puppetplane.enrollment.inventory.service.RunStatus;
import io.puppetplane.enrollment.node.repository.Node;
import io.puppetplane.enrollment.node.repository.NodeRepository;
import io.puppetplane.enrollment.node.repository.NodeState;
import io.puppetplane.enrollment.node.repository.ObservationRepository;
import io.puppetplane.enrollment.node.service.InvalidNodeRequestException;
import io.puppetplane.enrollment.node.service.NodeConflictException;
import io.puppetplane.enrollment.node.service.NodeNotFoundException;
import io.puppetplane.enrollment.node.service.NodeService;
import io.puppetplane.enrollment.operator.repository.OperatorActionRepository;
import io.puppetplane.enrollment.operator.repository.OperatorRole;
import io.puppetplane.enrollment.operator.service.CurrentOperator;
import io.puppetplane.enrollment.operator.service.FormTokens;
import io.puppetplane.enrollment.operator.service.OperatorAudit;
import io.quarkus.qute.Template;

/**
 * The operator dashboard: server-side HTML, plain forms, no scripts, charts as inline SVG ({@link FleetCharts}).
 * Every operator sees it; the forms that change things are shown to admins only, carry a CSRF token
 * ({@link CsrfGuard}) and are audited. Nodes and their pipeline are this service's, pending requests ca-service's;
 * facts and runs are read from inventory-service when the page is rendered (counts as its aggregate queries, lists
 * one page at a time), and a page whose inventory cannot be asked says so and shows the rest.
 */
@Path("/")
@RolesAllowed({ OperatorRole.ADMIN_NAME, OperatorRole.VIEWER_NAME })
public class DashboardResource {

    /** One fact of a node's page: its name and its value as JSON. */
    public record FactRow(String name, String value) {
    }

    /**
     * The inventory's part of one page: asked until its first failure, after which the page shows the rest without
     * waiting on it again; {@code unavailable} then says why.
     */
    private static final class InventoryPart {
        private final PuppetDbQueries inventory;
        private String unavailable;

        InventoryPart(PuppetDbQueries inventory) {
            this.inventory = inventory;
        }

        <T> T ask(java.util.function.Function<PuppetDbQueries, T> query, T otherwise) {
            if (unavailable != null) {
                return otherwise;
            }
            try {
                return query.apply(inventory);
            } catch (InventoryUnavailableException e) {
                unavailable = "Facts and runs come from inventory-service, which cannot be asked now: "
                        + e.getMessage();
                return otherwise;
            }
        }
    }

    /**
     * One line of the nodes list. {@code run} is null when the inventory could not be asked; {@code enrolled} is
     * false for an agent the inventory knows that was never enrolled here (listed by an inventory filter).
     */
    public record NodeRow(String certname, String address, String kind, String role, String classes, String state,
            String failure, String lastRunStatus, Instant lastRunAt, boolean active, RunStatus run,
            RelativeTime.Moment lastRun, String environment, boolean enrolled) {
    }

    /** A link of the pager: its label, its URL, and whether it is the page shown. */
    public record PageLink(String label, String url, boolean current) {
    }

    /** A count of a class of nodes, linking to the nodes list filtered by it. */
    public record Tile(String name, String label, String icon, long count, String url) {
    }

    private final Template overview;
    private final Template nodesList;
    private final Template audit;
    private final Template nodeTemplate;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;
    private final NodeService nodes;
    private final NodeRepository repository;
    private final ObservationRepository observations;
    private final PuppetDbQueries inventory;
    private final CaAdminClient ca;
    private final CurrentOperator operator;
    private final FormTokens tokens;
    private final OperatorAudit auditTrail;
    private final OperatorActionRepository actions;
    private final RunStatusClassifier classifier;
    private final RelativeTime times;
    private final DashboardConfig config;
    private final Clock clock;

    DashboardResource(Template overview, @io.quarkus.qute.Location("nodes.html") Template nodesList, Template audit,
            @io.quarkus.qute.Location("node.html") Template nodeTemplate,
            com.fasterxml.jackson.databind.ObjectMapper mapper, NodeService nodes, NodeRepository repository,
            ObservationRepository observations, PuppetDbQueries inventory, CaAdminClient ca,
            CurrentOperator operator, FormTokens tokens, OperatorAudit auditTrail, OperatorActionRepository actions,
            RunStatusClassifier classifier, RelativeTime times, DashboardConfig config, Clock clock) {
        this.overview = overview;
        this.nodesList = nodesList;
        this.audit = audit;
        this.nodeTemplate = nodeTemplate;
        this.mapper = mapper;
        this.actions = actions;
        this.nodes = nodes;
        this.repository = repository;
        this.observations = observations;
        this.inventory = inventory;
        this.ca = ca;
        this.operator = operator;
        this.tokens = tokens;
        this.auditTrail = auditTrail;
        this.classifier = classifier;
        this.times = times;
        this.config = config;
        this.clock = clock;
    }

    @GET
    public Response root() {
        return Response.seeOther(URI.create("/dashboard")).build();
    }

    /**
     * The fleet at a glance: what is failing first, nodes by latest run status, runs per day, the enrollment
     * pipeline per step and the CA's pending requests. Every count is an aggregate query (the inventory's
     * {@code extract count() … group_by}, this service's {@code GROUP BY}), so the page costs the same at 10,000
     * nodes as at ten.
     */
    @GET
    @Path("dashboard")
    @Produces(MediaType.TEXT_HTML)
    public String overviewPage() {
        InventoryPart part = new InventoryPart(inventory);
        Instant cutoff = classifier.unreportedBefore();
        Map<RunStatus, Long> byStatus = new EnumMap<>(RunStatus.class);
        for (RunStatus s : RunStatus.values()) {
            byStatus.put(s, 0L);
        }
        boolean counted = part.ask(i -> {
            for (PuppetDbQueries.LatestRunCount c : i.latestRunCounts(cutoff)) {
                // reported since the cutoff: classified by the report alone
                byStatus.merge(RunStatus.of(c.status(), c.noopPending(), cutoff, cutoff), c.count(), Long::sum);
            }
            byStatus.put(RunStatus.UNREPORTED, i.countNodes(RunStatus.UNREPORTED.nodesFilter(cutoff)));
            byStatus.put(RunStatus.NEVER_REPORTED, i.countNodes(RunStatus.NEVER_REPORTED.nodesFilter(cutoff)));
            return true;
        }, false);
        List<Tile> statusTiles = java.util.Arrays.stream(RunStatus.values())
                .map(s -> new Tile(s.wireName(), s.label(), s.icon(), byStatus.get(s), "/dashboard/nodes?status="
                        + s.wireName())).toList();
        long fleet = byStatus.values().stream().mapToLong(Long::longValue).sum();

        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<LocalDate> days = new ArrayList<>();
        for (int d = config.runDays() - 1; d >= 0; d--) {
            days.add(today.minusDays(d));
        }
        Map<LocalDate, Map<RunStatus, Long>> runs = new java.util.HashMap<>();
        Instant since = days.get(0).atStartOfDay(ZoneOffset.UTC).toInstant();
        boolean runsCounted = part.ask(i -> {
            for (PuppetDbQueries.DailyRunCount c : i.runsPerDay(since)) {
                runs.computeIfAbsent(LocalDate.parse(c.day()), d -> new EnumMap<>(RunStatus.class))
                        .merge(RunStatus.of(c.status(), c.noopPending(), since, since), c.count(), Long::sum);
            }
            return true;
        }, false);

        PuppetDbQueries.NodePage failedRuns = part.ask(i -> i.nodePage(RunStatus.FAILED.nodesFilter(cutoff),
                "report_timestamp", true, 10, 0), new PuppetDbQueries.NodePage(List.of(), 0));
        Map<String, Node> failedRunNodes = repository.named(failedRuns.nodes().stream().map(NodeStatus::certname)
                .toList());
        List<NodeRow> failedRunRows = failedRuns.nodes().stream()
                .map(run -> row(failedRunNodes.get(run.certname()), run, true)).toList();
        List<NodeRow> failedSteps = repository.page(null, NodeState.FAILED, null, false, 10, 0).stream()
                .map(n -> row(n, null, false)).toList();
        long failedStepCount = repository.count(null, NodeState.FAILED, null);

        Map<String, Integer> stepCounts = repository.stateCounts();
        List<Tile> steps = java.util.Arrays.stream(NodeState.values())
                .map(s -> new Tile(s.wireName(), s.wireName().replace('-', ' '), "",
                        stepCounts.getOrDefault(s.wireName(), 0), "/dashboard/nodes?step=" + s.wireName()))
                .toList();

        List<CertificateEntry> pending = List.of();
        String caUnavailable = null;
        try {
            pending = ca.certificates("requested");
        } catch (CaAdminClient.CaUnavailableException | CaAdminClient.CaRefusedException e) {
            caUnavailable = "Pending certificate requests come from ca-service, which cannot be asked now: "
                    + e.getMessage();
        }
        return overview.data("operator", operator.name()).data("admin", operator.isAdmin())
                .data("csrf", tokens.issue(operator.name())).data("inventoryUnavailable", part.unavailable)
                .data("counted", counted).data("statusTiles", statusTiles).data("fleet", fleet)
                .data("unreportedHours", unreportedAfterText())
                .data("statusChart", FleetCharts.statusBar(byStatus))
                .data("runsChart", runsCounted ? FleetCharts.runsPerDay(days, runs) : null)
                .data("runDays", config.runDays())
                .data("failedRuns", failedRunRows).data("failedRunCount", failedRuns.total())
                .data("failedSteps", failedSteps).data("failedStepCount", failedStepCount)
                .data("steps", steps).data("pending", pending.stream().limit(10).toList())
                .data("pendingCount", pending.size()).data("caUnavailable", caUnavailable)
                .data("roles", repository.roleCounts().entrySet()).render();
    }

    /**
     * The nodes, one page at a time, filtered and sorted where the data lives: by name, step and role in this
     * service's table; by run status, environment and fact value in the inventory's query (which pages, sorts by
     * last run and counts the matches itself). Nothing here ever loads every node.
     */
    @GET
    @Path("dashboard/nodes")
    @Produces(MediaType.TEXT_HTML)
    public Response nodesPage(@QueryParam("q") String q, @QueryParam("step") String step,
            @QueryParam("state") String state, @QueryParam("role") String role,
            @QueryParam("status") String status, @QueryParam("environment") String environment,
            @QueryParam("fact") String fact, @QueryParam("sort") String sort, @QueryParam("page") String page) {
        NodeListQuery query = new NodeListQuery(blankless(q), blankless(step).isEmpty() ? blankless(state)
                : blankless(step), blankless(role), blankless(status), blankless(environment), blankless(fact),
                blankless(sort).isEmpty() ? "certname" : blankless(sort), blankless(page));
        String problem = query.problem();
        if (problem != null) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_HTML)
                    .entity(renderNodes(problem, NodeListQuery.ALL)).build();
        }
        return Response.ok(renderNodes(null, query), MediaType.TEXT_HTML).build();
    }

    /** One node: its pipeline step and history, facts, recent runs and what operators did to it. */
    @GET
    @Path("dashboard/nodes/{certname}")
    @Produces(MediaType.TEXT_HTML)
    public String nodePage(@PathParam("certname") String certname) {
        Node node = nodes.get(certname);
        InventoryPart part = new InventoryPart(inventory);
        NodeStatus run = part.ask(i -> i.node(certname).orElse(null), null);
        Map<String, Object> factValues = part.ask(i -> i.facts(certname).map(FactSet::values).orElse(Map.of()),
                Map.of());
        List<FactRow> facts = new java.util.TreeMap<>(factValues).entrySet().stream()
                .map(e -> new FactRow(e.getKey(), json(e.getValue()))).toList();
        List<RunReport> reports = part.ask(i -> i.reports(certname, 20), List.of());
        return nodeTemplate.data("operator", operator.name()).data("admin", operator.isAdmin())
                .data("csrf", tokens.issue(operator.name())).data("node", row(node, run, part.unavailable == null))
                .data("seen", observations.find(certname)).data("retryAt", node.nextRetryAt())
                .data("history", repository.history(certname)).data("facts", facts).data("reports", reports)
                .data("inventoryUnavailable", part.unavailable).data("actions", actions.recent(certname, 50))
                .render();
    }

    @GET
    @Path("dashboard/audit")
    @Produces(MediaType.TEXT_HTML)
    public String auditPage() {
        return audit.data("operator", operator.name()).data("admin", operator.isAdmin())
                .data("csrf", tokens.issue(operator.name())).data("actions", actions.recent(null, 200)).render();
    }

    @POST
    @Path("dashboard/nodes/{certname}/role")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed(OperatorRole.ADMIN_NAME)
    public Response assignRole(@PathParam("certname") String certname, @FormParam("role") String role) {
        String wanted = role == null || role.isBlank() ? null : role.strip();
        return act(certname, () -> auditTrail.perform("node.classify", certname, () -> {
            Node node = nodes.get(certname);
            return nodes.classify(certname, wanted, node.classes());
        }, "role " + wanted));
    }

    @POST
    @Path("dashboard/nodes/{certname}/decommission")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed(OperatorRole.ADMIN_NAME)
    public Response decommission(@PathParam("certname") String certname) {
        return act(certname, () -> auditTrail.perform("node.decommission", certname,
                () -> nodes.decommission(certname, "decommissioned from the dashboard by " + operator.name())));
    }

    /** Post/redirect/get to the list showing the node on success; the list with the reason on a refusal. */
    private Response act(String certname, Runnable action) {
        try {
            action.run();
            return Response.seeOther(URI.create(new NodeListQuery(certname, "", "", "", "", "", "certname", "")
                    .url(1, "certname"))).build();
        } catch (InvalidNodeRequestException e) {
            return page(Response.Status.BAD_REQUEST, e.getMessage());
        } catch (NodeNotFoundException e) {
            return page(Response.Status.NOT_FOUND, e.getMessage());
        } catch (NodeConflictException e) {
            return page(Response.Status.CONFLICT, e.getMessage());
        }
    }

    private Response page(Response.Status status, String error) {
        return Response.status(status).type(MediaType.TEXT_HTML).entity(renderNodes(error, NodeListQuery.ALL))
                .build();
    }

    private String renderNodes(String error, NodeListQuery query) {
        InventoryPart part = new InventoryPart(inventory);
        int size = Math.max(1, config.pageSize());
        int wanted = query.pageNumber();
        NodeState step = query.stepState();
        List<NodeRow> rows;
        long total;
        if (query.needsInventory()) {
            // the inventory pages: its filter holds the run status, environment, fact and name, and this
            // service's step/role as the certnames they allow
            List<Object> filter = new ArrayList<>(List.of("and"));
            query.runStatus().ifPresent(s -> filter.add(s.nodesFilter(classifier.unreportedBefore())));
            if (!query.environment().isEmpty()) {
                filter.add(List.of("or", List.of("=", "report_environment", query.environment()),
                        List.of("=", "facts_environment", query.environment())));
            }
            if (!query.fact().isEmpty()) {
                filter.add(PuppetDbQueries.factFilter(query.factPath(), query.factValue()));
            }
            if (!query.q().isEmpty()) {
                filter.add(List.of("~", "certname", regexQuote(query.q().toLowerCase(java.util.Locale.ROOT))));
            }
            List<String> allowed = step != null || !query.role().isEmpty()
                    ? repository.certnames(query.q(), step, query.role()) : null;
            if (allowed != null) {
                filter.add(List.of("in", "certname", List.of("array", allowed)));
            }
            List<Object> ast = filter.size() == 1 ? null : filter.size() == 2 ? asList(filter.get(1)) : filter;
            boolean byRunTime = query.sort().startsWith("last-run");
            PuppetDbQueries.NodePage found = allowed != null && allowed.isEmpty()
                    ? new PuppetDbQueries.NodePage(List.of(), 0)
                    : part.ask(i -> i.nodePage(ast, byRunTime ? "report_timestamp" : "certname",
                            query.sort().equals("last-run"), size, (wanted - 1) * size), null);
            if (found == null) {
                rows = List.of();
                total = 0;
            } else {
                Map<String, Node> enrolled = repository.named(found.nodes().stream().map(NodeStatus::certname)
                        .toList());
                rows = found.nodes().stream().map(run -> row(enrolled.get(run.certname()), run, true)).toList();
                total = found.total();
            }
        } else {
            List<Node> page = repository.page(query.q(), step, query.role(), query.sort().equals("step"), size,
                    (wanted - 1) * size);
            total = repository.count(query.q(), step, query.role());
            Map<String, NodeStatus> runs = page.isEmpty() ? Map.of()
                    : part.ask(i -> i.nodesNamed(page.stream().map(Node::certname).toList()), null);
            rows = page.stream().map(n -> row(n, runs == null ? null : runs.get(n.certname()), runs != null))
                    .toList();
        }
        int pages = (int) Math.max(1, (total + size - 1) / size);
        List<PageLink> pager = new ArrayList<>();
        if (wanted > 1) {
            pager.add(new PageLink("« first", query.url(1, query.sort()), false));
            pager.add(new PageLink("‹ previous", query.url(wanted - 1, query.sort()), false));
        }
        for (int p = Math.max(1, wanted - 2); p <= Math.min(pages, wanted + 2); p++) {
            pager.add(new PageLink(String.valueOf(p), query.url(p, query.sort()), p == wanted));
        }
        if (wanted < pages) {
            pager.add(new PageLink("next ›", query.url(wanted + 1, query.sort()), false));
            pager.add(new PageLink("last »", query.url(pages, query.sort()), false));
        }
        List<String> environments = new ArrayList<>(part.ask(PuppetDbQueries::environments, List.of()));
        if (!query.environment().isEmpty() && !environments.contains(query.environment())) {
            environments.add(query.environment());
        }
        long first = total == 0 ? 0 : (long) (wanted - 1) * size + 1;
        return nodesList.data("error", error).data("operator", operator.name()).data("admin", operator.isAdmin())
                .data("csrf", tokens.issue(operator.name())).data("nodes", rows).data("search", query)
                .data("steps", java.util.Arrays.stream(NodeState.values()).map(NodeState::wireName).toList())
                .data("statuses", List.of(RunStatus.values())).data("environments", environments)
                .data("total", total).data("pageNumber", wanted).data("pages", pages).data("pager", pager)
                .data("first", first).data("last", Math.min(total, first + rows.size() - 1))
                .data("sorts", NodeListQuery.SORTS).data("unreportedHours", unreportedAfterText())
                .data("inventoryUnavailable", part.unavailable).render();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object ast) {
        return (List<Object>) ast;
    }

    /** A literal for PostgreSQL's regular expressions, as the inventory's {@code ~} takes them. */
    private static String regexQuote(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private String unreportedAfterText() {
        java.time.Duration d = classifier.unreportedAfter();
        return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }

    private static String blankless(String value) {
        return value == null ? "" : value.strip();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /**
     * {@code run} is the inventory's view of the node, null when it has none or could not be asked
     * ({@code asked} false); {@code n} is null for an agent the inventory knows that was not enrolled here.
     */
    private NodeRow row(Node n, NodeStatus run, boolean asked) {
        RunStatus status = asked ? classifier.classify(run) : null;
        String environment = run == null ? null : run.reportEnvironment();
        Instant at = run == null ? null : run.reportTimestamp();
        if (n == null) {
            return new NodeRow(run.certname(), "", "", null, "", "not enrolled here", null,
                    run.latestReportStatus(), at, false, status, times.of(at), environment, false);
        }
        String classes = String.join(", ", n.classes().keySet());
        return new NodeRow(n.certname(), n.address(), n.kind().wireName(), n.role(), classes, n.state().wireName(),
                n.failureReason(), run == null ? null : run.latestReportStatus(), at,
                n.state() != NodeState.DECOMMISSIONED, status, times.of(at), environment, true);
    }
}
