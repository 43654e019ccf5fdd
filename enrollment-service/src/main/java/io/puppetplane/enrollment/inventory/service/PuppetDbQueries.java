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

    private JsonNode query(String entity, Object ast, Object orderBy, Integer limit) {
        StringBuilder uri = new StringBuilder(url + "/pdb/query/v4/" + entity + "?query=" + encode(write(ast)));
        if (orderBy != null) {
            uri.append("&order_by=").append(encode(write(orderBy)));
        }
        if (limit != null) {
            uri.append("&limit=").append(limit);
        }
        HttpResponse<String> response;
        try {
            response = client().send(HttpRequest.newBuilder(URI.create(uri.toString())).timeout(timeout)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
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
                row.path("latest_report_noop").asBoolean(false), text(row, "report_environment"));
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
