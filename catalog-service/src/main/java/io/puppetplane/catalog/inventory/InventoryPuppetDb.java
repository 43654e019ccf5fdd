package io.puppetplane.catalog.inventory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.puppetplane.catalog.config.CatalogConfig;
import io.puppetplane.lang.PuppetDb;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Storeconfigs against the plane's inventory-service, which speaks PuppetDB's query API: a compile that collects
 * exported resources ({@code Type <<| |>>}) or calls {@code puppetdb_query()} asks it, over HTTPS with this server's
 * certificate, as Puppet Server's terminus asks PuppetDB. One query per collecting compile keeps the inventory the only
 * copy of what nodes exported, and a compile that collects nothing never calls it.
 */
@ApplicationScoped
public class InventoryPuppetDb implements PuppetDb {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CatalogConfig config;
    private final TlsConfigurationRegistry tls;
    private final MeterRegistry registry;

    private volatile HttpClient client;

    @Inject
    public InventoryPuppetDb(CatalogConfig config, TlsConfigurationRegistry tls, MeterRegistry registry) {
        this.config = config;
        this.tls = tls;
        this.registry = registry;
    }

    /** Whether storeconfigs is on: an inventory URL is configured. */
    public boolean enabled() {
        return config.puppetdb().url().isPresent();
    }

    @Override
    public List<ExportedResource> exportedResources(List<Object> query) {
        String ast = write(query);
        JsonNode rows = send(HttpRequest.newBuilder(endpoint("/pdb/query/v4/resources?query="
            + URLEncoder.encode(ast, StandardCharsets.UTF_8))).GET(), "resources");
        List<ExportedResource> resources = new ArrayList<>();
        for (JsonNode row : rows) {
            Map<String, Object> parameters = JSON.convertValue(row.path("parameters"),
                new TypeReference<LinkedHashMap<String, Object>>() { });
            resources.add(new ExportedResource(row.path("certname").asText(), row.path("type").asText(),
                row.path("title").asText(), parameters == null ? Map.of() : parameters));
        }
        return resources;
    }

    @Override
    public Object query(Object query) {
        String body = write(Map.of("query", query));
        JsonNode rows = send(HttpRequest.newBuilder(endpoint("/pdb/query/v4"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)), "query");
        return JSON.convertValue(rows, Object.class);
    }

    private JsonNode send(HttpRequest.Builder request, String kind) {
        URI server = config.puppetdb().url().orElseThrow(() ->
            new PuppetDbException("storeconfigs is off: no puppetplane.catalog.puppetdb.url"));
        Timer.Sample sample = Timer.start(registry);
        try {
            HttpResponse<String> response = client().send(request.timeout(config.puppetdb().timeout())
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new PuppetDbException("PuppetDB query error: [" + response.statusCode() + "] "
                    + message(response.body()) + ", endpoint: " + server);
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new PuppetDbException("Failed to query PuppetDB at " + server + ": "
                + Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PuppetDbException("Interrupted while querying PuppetDB at " + server);
        } finally {
            sample.stop(registry.timer("catalog.puppetdb.queries", "kind", kind));
        }
    }

    private static String message(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.hasNonNull("error")) {
                return json.get("error").asText();
            }
        } catch (IOException e) {
            // not JSON: PuppetDB answers some errors as plain text
        }
        return body == null ? "" : body.strip();
    }

    private URI endpoint(String path) {
        String base = config.puppetdb().url().map(URI::toString).orElse("").replaceAll("/+$", "");
        return URI.create(base + path);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new PuppetDbException("the query cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(config.puppetdb().timeout())
                        .sslContext(sslContext()).build();
                }
                c = client;
            }
        }
        return c;
    }

    /** This server's certificate and the plane's CA (the TLS configuration named "puppetdb"), as the terminus uses. */
    private SSLContext sslContext() {
        Optional<TlsConfiguration> named = tls.get("puppetdb");
        try {
            return named.isPresent() ? named.get().createSSLContext() : SSLContext.getDefault();
        } catch (Exception e) {
            throw new PuppetDbException("cannot set up TLS to PuppetDB: " + e.getMessage());
        }
    }
}
