package io.puppetplane.ca.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.puppetplane.ca.service.PemCodec;

/**
 * Talks to the CA's HTTPS API with a client certificate (the operator's or a service's, carrying pp_cli_auth),
 * trusting only our CA.
 */
public final class CaApiClient {

    /** Status and body of one response. */
    public record Reply(int status, String body) {
    }

    private static final int CONNECT_ATTEMPTS = 3;

    private final HttpClient http;
    private final URI base;

    public CaApiClient(URI base, Path certFile, Path keyFile, Path caFile) throws IOException {
        this.base = base;
        this.http = HttpClient.newBuilder().sslContext(sslContext(certFile, keyFile, caFile))
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public Reply put(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.timeout(Duration.ofSeconds(60)).build();
        for (int attempt = 1;; attempt++) {
            try {
                HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
                return new Reply(response.statusCode(), response.body());
            } catch (HttpConnectTimeoutException e) {
                // Nothing was sent yet, so trying again is safe: a CA busy signing (several CLIs at once on a loaded
                // machine) may take longer than the connect timeout to finish a TLS handshake.
                if (attempt == CONNECT_ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(500L * attempt);
            }
        }
    }

    static SSLContext sslContext(Path certFile, Path keyFile, Path caFile) throws IOException {
        try {
            List<X509Certificate> chain = PemCodec.readCertificates(Files.readString(certFile));
            PrivateKey key = PemCodec.readPrivateKey(Files.readString(keyFile));
            KeyStore identity = KeyStore.getInstance("PKCS12");
            identity.load(null, null);
            identity.setKeyEntry("client", key, new char[0], chain.toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(identity, new char[0]);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (X509Certificate ca : PemCodec.readCertificates(Files.readString(caFile))) {
                trust.setCertificateEntry("ca" + i++, ca);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build TLS settings from " + certFile + ": " + e.getMessage(), e);
        }
    }
}
