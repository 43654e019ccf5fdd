package io.puppetplane.catalog.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import io.puppetplane.catalog.CatalogTestResource;
import io.puppetplane.trust.testing.TestCertificateAuthority;

/**
 * The catalog test resource plus a loopback HTTPS peer speaking the part of PuppetDB's query API a compile uses
 * (resources of other nodes), signed by the same CA and requiring a client certificate, as inventory-service does.
 * It answers {@link #rows} and records each query with the client's certname, so tests see what the server asked.
 */
public class PuppetDbPeer extends CatalogTestResource {

    public record Query(String clientCertname, String path, String query) {
    }

    public static final List<Query> QUERIES = new CopyOnWriteArrayList<>();
    /** What the resources endpoint answers (JSON); null: 503 as a PuppetDB that is down behind a proxy. */
    public static volatile String rows = "[]";

    private HttpsServer server;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new java.util.HashMap<>(super.start());
        try {
            TestCertificateAuthority ca = TestCertificateAuthority.loadFrom(Path.of(config.get("puppetplane.test.pki-dir")));
            TestCertificateAuthority.IssuedCertificate identity = ca.issueServer("inventory", List.of("localhost"),
                List.of("127.0.0.1"));
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.setHttpsConfigurator(new HttpsConfigurator(TestCertificateAuthority.context(identity,
                ca.certificate())) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                    ssl.setNeedClientAuth(true);
                    params.setSSLParameters(ssl);
                }
            });
            server.createContext("/pdb/query/v4/resources", exchange -> {
                SSLSession session = ((HttpsExchange) exchange).getSSLSession();
                String client = ((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal()
                    .getName();
                String raw = exchange.getRequestURI().getRawQuery();
                String query = raw == null ? "" : URLDecoder.decode(raw.replaceFirst("^query=", ""),
                    StandardCharsets.UTF_8);
                QUERIES.add(new Query(client, exchange.getRequestURI().getPath(), query));
                String answer = rows;
                byte[] body = (answer == null ? "{\"error\":\"PuppetDB is starting\"}" : answer)
                    .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer == null ? 503 : 200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.put("puppetplane.catalog.puppetdb.url", "https://127.0.0.1:" + server.getAddress().getPort());
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
        super.stop();
    }
}
