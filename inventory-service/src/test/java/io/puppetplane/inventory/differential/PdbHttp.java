package io.puppetplane.inventory.differential;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * A plain-HTTP client for one PuppetDB-compatible server (the reference or the candidate), loopback only.
 */
public final class PdbHttp {

    /** What came back: status, the raw Content-Type, X-Records, the body as text, and how long it took. */
    public record Exchange(int status, String contentType, Optional<String> xRecords, String body, long millis,
            Map<String, List<String>> headers) {

        /** Media type and charset, lower case, without spaces: "application/json;charset=utf-8". */
        public String normalisedContentType() {
            return contentType == null ? "<none>" : contentType.toLowerCase(Locale.ROOT).replace(" ", "");
        }

        public boolean isJson() {
            return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
        }
    }

    private final String base;
    private final HttpClient client;

    public PdbHttp(String baseUrl) {
        URI uri = URI.create(baseUrl);
        String host = uri.getHost();
        if (host == null || !(host.startsWith("127.") || host.equals("localhost") || host.equals("[::1]"))) {
            throw new IllegalArgumentException("loopback addresses only: " + baseUrl);
        }
        this.base = baseUrl.replaceAll("/+$", "");
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String base() {
        return base;
    }

    /** Encodes [name, value] pairs as a query string, or "" when there are none. */
    public static String query(List<List<String>> params) {
        StringBuilder sb = new StringBuilder();
        for (List<String> p : params) {
            sb.append(sb.length() == 0 ? "?" : "&");
            sb.append(URLEncoder.encode(p.get(0), StandardCharsets.UTF_8).replace("+", "%20"));
            sb.append('=');
            sb.append(URLEncoder.encode(p.get(1), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return sb.toString();
    }

    public Exchange send(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(120));
        headers.forEach(rb::header);
        HttpRequest.BodyPublisher pub = body == null || body.length == 0
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body);
        rb.method(method, pub);
        long t0 = System.nanoTime();
        try {
            HttpResponse<byte[]> r = client.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            return new Exchange(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null),
                    r.headers().firstValue("X-Records"), new String(r.body(), StandardCharsets.UTF_8), ms,
                    r.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + base + pathAndQuery + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Exchange get(String pathAndQuery) {
        return send("GET", pathAndQuery, Map.of("Accept", "application/json"), null);
    }

    /** True when the status document says running. */
    public boolean isRunning() {
        try {
            Exchange e = get("/status/v1/services/puppetdb-status");
            return e.status() == 200 && e.body().matches("(?s).*\"state\"\\s*:\\s*\"running\".*");
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static byte[] gzip(byte[] data) {
        try (ByteArrayOutputStream bos = new ByteArrayOutputStream();
                GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(data);
            gz.finish();
            return bos.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
