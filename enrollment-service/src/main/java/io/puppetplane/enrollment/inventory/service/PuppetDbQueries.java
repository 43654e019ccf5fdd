package io.puppetplane.enrollment.inventory.service;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.puppetplane.enrollment.inventory.config.InventoryClientConfig;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;

/**
 * The questions this service asks inventory-service, the plane's one owner of facts and reports, in PuppetDB's
 * query API v4 (AST queries on the {@code nodes}, {@code factsets}, {@code fact-contents} and {@code reports}
 * endpoints), answered as typed records. Over HTTPS it presents this service's certificate of the plane's CA, as the
 * inventory requires; every query is bounded by {@code puppetplane.enrollment.inventory.timeout}. Nodes are asked
 * for whatever their node_state (a decommissioned node is deactivated there, and its last facts and runs are still
 * worth showing until the inventory purges them). Any failure is an {@link InventoryUnavailableException} naming
 * the inventory and the reason; nothing is cached here, so the inventory's answer is always the current one.
 */
@ApplicationScoped
public class PuppetDbQueries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Object> ANY_NODE_STATE = List.of("=", "node_state", "any");
    /** One {@code order_by} term; a record, so it is written the same way every time. */
    private record OrderBy(String field, String order) {
    }

    /** Newest run first; reports of one start time (replayed runs) by when the inventory stored them. */
    private static final List<OrderBy> NEWEST_RUN_FIRST = List.of(new OrderBy("start_time", "desc"),
            new OrderBy("receive_time", "desc"));
    /** What a list of runs shows; the events, logs and metrics of each report stay in the inventory. */
    private static final List<String> REPORT_SUMMARY = List.of("certname", "status", "environment",
            "configuration_version", "transaction_uuid", "noop", "start_time", "receive_time");

    private final URI url;
    private final Duration timeout;
    private final TlsSource tls;
    private volatile HttpClient client;

    /** Where the TLS context comes from; built at the first HTTPS query, so a missing file is a query's failure. */
    @FunctionalInterface
    public interface TlsSource {
        SSLContext context() throws Exception;
    }

    @Inject
    PuppetDbQueries(InventoryClientConfig config, Vertx vertx,
            @ConfigProperty(name = "puppetplane.tls.cert-file") Optional<String> certFile,
            @ConfigProperty(name = "puppetplane.tls.key-file") Optional<String> keyFile,
            @ConfigProperty(name = "puppetplane.tls.ca-file") Optional<String> caFile) {
        this(config.url(), config.timeout(), () -> {
            if (certFile.isEmpty() || keyFile.isEmpty() || caFile.isEmpty()) {
                throw new IllegalStateException("puppetplane.tls.cert-file, key-file and ca-file must be configured "
                        + "to ask the inventory over HTTPS");
            }
            return sslContext(vertx, certFile.get(), keyFile.get(), caFile.get());
        });
    }

    public PuppetDbQueries(URI url, Duration timeout, TlsSource tls) {
        this.url = URI.create(url.toString().replaceAll("/+$", ""));
        this.timeout = timeout;
        this.tls = tls;
    }

    /** The inventory's base URL, as pages name it when it cannot be asked. */
    public URI url() {
        return url;
    }

    /** The node as the inventory knows it; empty when it never sent facts, a catalog or a report (or was purged). */
    public Optional<NodeStatus> node(String certname) {
        JsonNode rows = query("nodes", List.of("and", List.of("=", "certname", certname), ANY_NODE_STATE), null,
                null);
        return rows.isEmpty() ? Optional.empty() : Optional.of(nodeStatus(rows.get(0)));
    }

    /** Every node the inventory knows, by certname. */
    public Map<String, NodeStatus> nodes() {
        Map<String, NodeStatus> nodes = new LinkedHashMap<>();
        for (JsonNode row : query("nodes", ANY_NODE_STATE, null, null)) {
            NodeStatus node = nodeStatus(row);
            nodes.put(node.certname(), node);
        }
        return nodes;
    }

    /** The node's latest facts. */
    public Optional<FactSet> facts(String certname) {
        JsonNode rows = query("factsets", List.of("and", List.of("=", "certname", certname), ANY_NODE_STATE), null,
                null);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        JsonNode row = rows.get(0);
        Map<String, Object> values = new java.util.TreeMap<>();
        for (JsonNode fact : row.path("facts").path("data")) {
            values.put(fact.path("name").asText(), JSON.convertValue(fact.path("value"), Object.class));
        }
        return Optional.of(new FactSet(row.path("certname").asText(), text(row, "environment"),
                instant(row, "timestamp"), values));
    }

    /** The node's newest {@code limit} runs, newest run first, each with its resource events and error logs. */
    public List<RunReport> reports(String certname, int limit) {
        List<RunReport> reports = new ArrayList<>();
        for (JsonNode row : query("reports", List.of("and", List.of("=", "certname", certname), ANY_NODE_STATE),
                NEWEST_RUN_FIRST, limit)) {
            reports.add(report(row, ReportEvents.from(row)));
        }
        return reports;
    }

    /** The newest {@code limit} runs of every node, newest run first, without their events. */
    public List<RunReport> recentReports(int limit) {
        List<RunReport> reports = new ArrayList<>();
        for (JsonNode row : query("reports", List.of("extract", REPORT_SUMMARY, ANY_NODE_STATE), NEWEST_RUN_FIRST,
                limit)) {
            reports.add(report(row, List.of()));
        }
        return reports;
    }

    /** The nodes whose latest report has {@code status} (changed, unchanged, failed). */
    public Set<String> certnamesWithLatestReportStatus(String status) {
        Set<String> certnames = new LinkedHashSet<>();
        for (JsonNode row : query("nodes", List.of("extract", List.of("certname"),
                List.of("and", List.of("=", "latest_report_status", status), ANY_NODE_STATE)), null, null)) {
            certnames.add(row.path("certname").asText());
        }
        return certnames;
    }

    /**
     * The nodes whose latest facts hold {@code value} at the dotted {@code path} ({@code os.family}), compared as
     * text: a string as it is, any other value as its JSON ({@code 2}, {@code true}).
     */
    public Set<String> certnamesWithFact(String path, String value) {
        List<Object> segments = new ArrayList<>(Arrays.asList((Object[]) path.split("\\.")));
        Set<String> certnames = new LinkedHashSet<>();
        for (JsonNode row : query("fact-contents", List.of("extract", List.of("certname", "value"),
                List.of("and", List.of("=", "path", segments), ANY_NODE_STATE)), null, null)) {
            JsonNode v = row.path("value");
            if ((v.isTextual() ? v.asText() : v.toString()).equals(value)) {
                certnames.add(row.path("certname").asText());
            }
        }
        return certnames;
    }

    /** How many active nodes' latest runs had each status (and left no-op changes pending or not). */
    public record LatestRunCount(String status, boolean noopPending, long count) {
    }

    /** How many runs of one day (UTC, {@code 2026-12-07}) had a status and left no-op changes pending or not. */
    public record DailyRunCount(String day, String status, boolean noopPending, long count) {
    }

    /** One page of nodes and how many match in all. */
    public record NodePage(List<NodeStatus> nodes, long total) {
    }

    /**
     * The active nodes whose latest report ended at or after {@code since}, counted by that report's status and
     * no-op pending flag: one aggregate query ({@code extract count() … group_by}), whatever the fleet's size.
     */
    public List<LatestRunCount> latestRunCounts(Instant since) {
        List<LatestRunCount> counts = new ArrayList<>();
        for (JsonNode row : post("nodes", Map.of("query", List.of("extract",
                List.of(List.of("function", "count"), "latest_report_status", "latest_report_noop_pending"),
                List.of(">=", "report_timestamp", since.toString()),
                List.of("group_by", "latest_report_status", "latest_report_noop_pending")))).rows()) {
            counts.add(new LatestRunCount(text(row, "latest_report_status"),
                    row.path("latest_report_noop_pending").asBoolean(false), row.path("count").asLong()));
        }
        return counts;
    }

    /** How many active nodes match {@code filter} (an AST over {@code nodes}), counted by the inventory. */
    public long countNodes(List<Object> filter) {
        JsonNode rows = post("nodes", Map.of("query", List.of("extract", List.of(List.of("function", "count")),
                filter))).rows();
        return rows.isEmpty() ? 0 : rows.get(0).path("count").asLong();
    }

    /**
     * Runs started at or after {@code since}, of every node whatever its state, counted per UTC day, status and
     * no-op pending flag (PostgreSQL's {@code to_char} through PuppetDB's {@code to_string}).
     */
    public List<DailyRunCount> runsPerDay(Instant since) {
        List<Object> day = List.of("function", "to_string", "start_time", "YYYY-MM-DD");
        List<DailyRunCount> counts = new ArrayList<>();
        for (JsonNode row : post("reports", Map.of("query", List.of("extract",
                List.of(List.of("function", "count"), "status", "noop_pending", day),
                List.of("and", List.of(">=", "start_time", since.toString()), ANY_NODE_STATE),
                List.of("group_by", "status", "noop_pending", "to_string")))).rows()) {
            counts.add(new DailyRunCount(row.path("to_string").asText(), text(row, "status"),
                    row.path("noop_pending").asBoolean(false), row.path("count").asLong()));
        }
        return counts;
    }

    /**
     * One page of the active nodes matching {@code filter} (null: all), ordered by {@code orderBy} (a {@code nodes}
     * field, then certname), with the inventory's count of all matches ({@code include_total}).
     */
    public NodePage nodePage(List<Object> filter, String orderBy, boolean descending, int limit, int offset) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (filter != null) {
            body.put("query", filter);
        }
        body.put("order_by", List.of(new OrderBy(orderBy, descending ? "desc" : "asc"),
                new OrderBy("certname", "asc")));
        body.put("limit", limit);
        body.put("offset", offset);
        body.put("include_total", true);
        Answer answer = post("nodes", body);
        List<NodeStatus> nodes = new ArrayList<>();
        answer.rows().forEach(row -> nodes.add(nodeStatus(row)));
        return new NodePage(nodes, answer.total() == null ? nodes.size() : answer.total());
    }

    /** The named nodes (a page's), whatever their node_state, by certname; one query. */
    public Map<String, NodeStatus> nodesNamed(java.util.Collection<String> certnames) {
        Map<String, NodeStatus> nodes = new LinkedHashMap<>();
        if (certnames.isEmpty()) {
            return nodes;
        }
        for (JsonNode row : post("nodes", Map.of("query", List.of("and", List.of("in", "certname",
                List.of("array", List.copyOf(certnames))), ANY_NODE_STATE))).rows()) {
            NodeStatus node = nodeStatus(row);
            nodes.put(node.certname(), node);
        }
        return nodes;
    }

    /** The environments the inventory knows, by name. */
    public List<String> environments() {
        List<String> names = new ArrayList<>();
        for (JsonNode row : post("environments", Map.of()).rows()) {
            names.add(row.path("name").asText());
        }
        names.sort(null);
        return names;
    }

    /**
     * The {@code nodes} filter for nodes whose latest facts hold {@code value} at the dotted {@code path}: the value
     * as text, or as the number or boolean it reads as ({@code 2}, {@code true}), as {@link #certnamesWithFact}.
     */
    public static List<Object> factFilter(String path, String value) {
        List<Object> segments = new ArrayList<>(Arrays.asList((Object[]) path.split("\\.")));
        List<Object> values = new ArrayList<>(List.of("or", List.of("=", "value", value)));
        try {
            JsonNode typed = JSON.readTree(value);
            if (typed != null && (typed.isNumber() || typed.isBoolean())) {
                values.add(List.of("=", "value", JSON.convertValue(typed, Object.class)));
            }
        } catch (JsonProcessingException notJson) {
            // plain text: compared as a string only
        }
        return List.of("in", "certname", List.of("extract", "certname", List.of("select_fact_contents",
                List.of("and", List.of("=", "path", segments), values))));
    }

    private JsonNode query(String entity, Object ast, Object orderBy, Integer limit) {
        StringBuilder uri = new StringBuilder(url + "/pdb/query/v4/" + entity + "?query=" + encode(write(ast)));
        if (orderBy != null) {
            uri.append("&order_by=").append(encode(write(orderBy)));
        }
        if (limit != null) {
            uri.append("&limit=").append(limit);
        }
        return rows(entity, send(entity, HttpRequest.newBuilder(URI.create(uri.toString())).GET()));
    }

    /**
     * A query posted as PuppetDB's JSON body ({@code query}, {@code order_by}, {@code limit}, {@code offset},
     * {@code include_total}): no URL length limit, so a page's certnames fit; the total is the answer's
     * {@code X-Records}, or null when not asked for.
     */
    private Answer post(String entity, Map<String, Object> body) {
        HttpResponse<String> response = send(entity, HttpRequest.newBuilder(URI.create(url + "/pdb/query/v4/"
                + entity)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
        JsonNode rows = rows(entity, response);
        Long total = response.headers().firstValue("X-Records").map(value -> {
            try {
                return Long.valueOf(value.strip());
            } catch (NumberFormatException e) {
                throw new InventoryUnavailableException("the inventory at " + url + " sent an unreadable X-Records: "
                        + value, e);
            }
        }).orElse(null);
        return new Answer(rows, total);
    }

    private record Answer(JsonNode rows, Long total) {
    }

    private HttpResponse<String> send(String entity, HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = client().send(request.timeout(timeout).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new InventoryUnavailableException("the inventory at " + url + " did not answer within " + timeout,
                    e);
        } catch (SSLException e) {
            throw new InventoryUnavailableException("cannot reach the inventory at " + url + ": TLS failed ("
                    + reason(e) + ")", e);
        } catch (IOException e) {
            throw new InventoryUnavailableException("cannot reach the inventory at " + url + ": " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InventoryUnavailableException("interrupted while asking the inventory at " + url, e);
        }
        if (response.statusCode() != 200) {
            throw new InventoryUnavailableException("the inventory at " + url + " answered " + response.statusCode()
                    + " to a query of " + entity + ": " + abbreviate(response.body()), null);
        }
        return response;
    }

    private JsonNode rows(String entity, HttpResponse<String> response) {
        try {
            JsonNode rows = JSON.readTree(response.body());
            if (rows == null || !rows.isArray()) {
                throw new InventoryUnavailableException("the inventory at " + url + " answered a query of " + entity
                        + " with something other than a JSON array", null);
            }
            return rows;
        } catch (JsonProcessingException e) {
            throw new InventoryUnavailableException("the inventory at " + url + " answered a query of " + entity
                    + " with unreadable JSON: " + e.getOriginalMessage(), e);
        }
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(timeout);
                    if ("https".equalsIgnoreCase(url.getScheme())) {
                        try {
                            builder.sslContext(tls.context());
                        } catch (Exception e) {
                            throw new InventoryUnavailableException("cannot set up TLS to the inventory at " + url
                                    + ": " + reason(e), e);
                        }
                    }
                    client = builder.build();
                }
                c = client;
            }
        }
        return c;
    }

    /**
     * This service's certificate and key (PEM, PKCS#1 or PKCS#8) and the plane's CA, as a TLS context for the
     * inventory's HTTPS listener.
     */
    public static SSLContext sslContext(Vertx vertx, String certFile, String keyFile, String caFile)
            throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new PemKeyCertOptions().setCertPath(certFile).setKeyPath(keyFile).getKeyManagerFactory(vertx)
                .getKeyManagers(), new PemTrustOptions().addCertPath(caFile).getTrustManagerFactory(vertx)
                        .getTrustManagers(), null);
        return context;
    }

    private static NodeStatus nodeStatus(JsonNode row) {
        return new NodeStatus(row.path("certname").asText(), instant(row, "deactivated"),
                instant(row, "facts_timestamp"), instant(row, "report_timestamp"), text(row, "latest_report_status"),
                row.path("latest_report_noop").asBoolean(false), row.path("latest_report_noop_pending").asBoolean(false),
                text(row, "report_environment"));
    }

    private static RunReport report(JsonNode row, List<ReportEvent> events) {
        return new RunReport(row.path("certname").asText(), text(row, "status"), text(row, "environment"),
                text(row, "configuration_version"), text(row, "transaction_uuid"), row.path("noop").asBoolean(false),
                instant(row, "start_time"), instant(row, "receive_time"), events);
    }

    private static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** PuppetDB writes {@code …sssZ}; an offset ({@code +00:00}) is read as well. */
    private static Instant instant(JsonNode row, String field) {
        String value = text(row, field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException unreadable) {
                throw new InventoryUnavailableException("the inventory sent an unreadable " + field + ": " + value,
                        unreadable);
            }
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not representable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String reason(Throwable e) {
        if (e instanceof java.net.ConnectException && e.getMessage() == null) {
            return "connection refused";
        }
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        return Optional.ofNullable(t.getMessage()).orElse(t.getClass().getSimpleName());
    }

    private static String abbreviate(String body) {
        String text = body == null ? "" : body.strip();
        try {
            JsonNode json = JSON.readTree(text);
            if (json != null && json.hasNonNull("error")) {
                text = json.get("error").asText();
            }
        } catch (IOException e) {
            // PuppetDB answers a bad query in plain text
        }
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
