package io.puppetplane.enrollment.inventory.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * A loopback HTTPS server speaking PuppetDB's query API from answers recorded from the real inventory-service
 * ({@code src/test/resources/inventory/recorded-answers.json}), requiring a client certificate of the test CA as
 * the inventory does. Replaying, it answers a request only if exactly that request (path and decoded parameters) was
 * recorded, and 400 otherwise, so a client that asks differently than it did against the real service fails.
 * Recording, it passes each request on to a real inventory and keeps the exchange.
 */
public final class RecordedPuppetDb implements AutoCloseable {

    /** The recorded answers, relative to the module's directory (tests run there). */
    public static final Path RECORDING = Path.of("src/test/resources/inventory/recorded-answers.json");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One request and the inventory's answer to it. */
    public record Exchange(String path, Map<String, String> params, int status, JsonNode answer) {
    }

    private final HttpsServer server;
    private final List<Exchange> exchanges;
    private final HttpClient upstreamClient;
    private final URI upstream;
    private final List<Exchange> seen = new ArrayList<>();

    private RecordedPuppetDb(SSLContext serverContext, List<Exchange> exchanges, URI upstream,
            HttpClient upstreamClient) throws IOException {
        this.exchanges = exchanges;
        this.upstream = upstream;
        this.upstreamClient = upstreamClient;
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters ssl = serverContext.getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                params.setSSLParameters(ssl);
            }
        });
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers from {@link #RECORDING}. */
    public static RecordedPuppetDb replaying(SSLContext serverContext) throws IOException {
        return new RecordedPuppetDb(serverContext, read(RECORDING), null, null);
    }

    /** Passes every request on to {@code upstream} (with {@code client}) and records the exchange. */
    public static RecordedPuppetDb recordingThrough(SSLContext serverContext, URI upstream, HttpClient client)
            throws IOException {
        return new RecordedPuppetDb(serverContext, null, upstream, client);
    }

    /** Where clients reach it: {@code https://localhost:PORT}, matching the test server certificate's name. */
    public URI url() {
        return URI.create("https://localhost:" + server.getAddress().getPort());
    }

    /** The exchanges of this server's life, in order. */
    public synchronized List<Exchange> exchanges() {
        return List.copyOf(seen);
    }

    public static List<Exchange> read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), new TypeReference<List<Exchange>>() {
        });
    }

    public static void write(Path file, List<Exchange> exchanges) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writeValueAsString(exchanges) + "\n");
    }

    private void handle(HttpExchange http) throws IOException {
        try (http; InputStream in = http.getRequestBody()) {
            in.readAllBytes();
            String path = http.getRequestURI().getRawPath();
            Map<String, String> params = params(http.getRequestURI().getRawQuery());
            Exchange answer = upstream == null ? replay(http.getRequestMethod(), path, params)
                    : forward(http.getRequestURI().getRawPath() + "?" + http.getRequestURI().getRawQuery(), path,
                            params);
            synchronized (this) {
                seen.add(answer);
            }
            byte[] body = (answer.answer() == null ? "" : answer.answer().isTextual() ? answer.answer().asText()
                    : answer.answer().toString()).getBytes(StandardCharsets.UTF_8);
            http.getResponseHeaders().add("Content-Type", answer.answer() != null && answer.answer().isTextual()
                    ? "text/plain; charset=utf-8" : "application/json; charset=utf-8");
            http.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = http.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private Exchange replay(String method, String path, Map<String, String> params) {
        if (method.equals("GET")) {
            for (Exchange e : exchanges) {
                if (e.path().equals(path) && e.params().equals(params)) {
                    return e;
                }
            }
        }
        return new Exchange(path, params, 400, JSON.getNodeFactory().textNode("no recorded answer to " + method + " "
                + path + " " + params + "; record again (RecordedInventoryAnswersTest) if the client's questions "
                + "changed"));
    }

    private Exchange forward(String pathAndQuery, String path, Map<String, String> params) throws IOException {
        try {
            HttpResponse<String> r = upstreamClient.send(HttpRequest.newBuilder(URI.create(upstream + pathAndQuery))
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode answer = r.statusCode() == 200 ? JSON.readTree(r.body())
                    : JSON.getNodeFactory().textNode(r.body());
            return new Exchange(path, params, r.statusCode(), answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new TreeMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
