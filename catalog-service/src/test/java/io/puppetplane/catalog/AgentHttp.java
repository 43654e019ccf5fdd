package io.puppetplane.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.puppetplane.trust.testing.TestCertificateAuthority;

/** An HTTPS client speaking to the service under test the way puppet-agent does, as one certificate. */
public final class AgentHttp {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final String base;

    private AgentHttp(SSLContext context) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(context)
            .connectTimeout(Duration.ofSeconds(5)).build();
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-ssl-port", Integer.class);
        this.base = "https://localhost:" + port;
    }

    /** The test CA written by client-trust's TestPkiResource. */
    public static TestCertificateAuthority ca() {
        return TestCertificateAuthority.loadFrom(pkiDir());
    }

    public static Path pkiDir() {
        return Path.of(ConfigProvider.getConfig().getValue("puppetplane.test.pki-dir", String.class));
    }

    /** A client presenting a fresh certificate for {@code certname} with extensions by OID. */
    public static AgentHttp as(String certname, Map<String, String> extensions) {
        TestCertificateAuthority ca = ca();
        return new AgentHttp(ca.issueClient(certname, extensions).clientContext()).afterCatalogInputsLoaded(certname);
    }

    public static AgentHttp as(TestCertificateAuthority.IssuedCertificate identity) {
        String subject = identity.certificate().getSubjectX500Principal().getName();
        return new AgentHttp(identity.clientContext())
            .afterCatalogInputsLoaded(subject.replaceFirst("^.*CN=([^,]+).*$", "$1"));
    }

    /**
     * Code-dependent requests answer 503 until the service read every classification and the code dir (just after
     * start); a load balancer waits for readiness, a test waits here.
     */
    private AgentHttp afterCatalogInputsLoaded(String certname) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (get("/puppet/v3/node/" + certname + "?environment=production").statusCode() == 503
            && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return this;
    }

    /** A client without a certificate (it still trusts the server's CA). */
    public static AgentHttp anonymous() {
        return new AgentHttp(TestCertificateAuthority.context(null, ca().certificate()));
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json").GET());
    }

    /** GET with extra headers, given as name, value, name, value... */
    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.GET());
    }

    public HttpResponse<byte[]> getBytes(String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "application/octet-stream").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
            .header("Accept", "application/json, text/pson").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** POSTs a catalog request exactly as the agent encodes it: the facts JSON URL-encoded, then form-encoded. */
    public HttpResponse<String> catalog(String certname, String environment, Map<String, Object> facts) {
        try {
            String factsJson = JSON.writeValueAsString(Map.of("name", certname, "values", facts,
                "timestamp", "2026-11-24T10:00:00.000000000+00:00"));
            String once = URLEncoder.encode(factsJson, StandardCharsets.UTF_8).replace("+", "%20");
            String form = "facts_format=application%2Fjson&facts=" + URLEncoder.encode(once, StandardCharsets.UTF_8)
                + "&environment=" + environment + "&configured_environment=" + environment
                + "&check_environment=true&transaction_uuid=a26f35e7-1111-2222-3333-444455556666&job_uuid="
                + "&static_catalog=true&checksum_type=sha256.sha384.sha512.sha224.md5";
            return send(HttpRequest.newBuilder(URI.create(base + "/puppet/v3/catalog/" + certname + "?environment="
                    + environment))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/vnd.puppet.rich+json, application/json, text/pson")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
