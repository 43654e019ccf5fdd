package io.puppetplane.enrollment.cloud.service;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.puppetplane.enrollment.cloud.config.CaClientConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;

/** Asks ca-service for enrollment tokens over mutual TLS with this service's certificate. */
@ApplicationScoped
public class CaEnrollmentTokenClient implements EnrollmentTokenIssuer {

    private final Vertx vertx;
    private final CaClientConfig config;
    private final Optional<String> certFile;
    private final Optional<String> keyFile;
    private final Optional<String> caFile;
    private final ObjectMapper mapper;
    private HttpClient client;

    CaEnrollmentTokenClient(Vertx vertx, CaClientConfig config, ObjectMapper mapper,
            @ConfigProperty(name = "puppetplane.tls.cert-file") Optional<String> certFile,
            @ConfigProperty(name = "puppetplane.tls.key-file") Optional<String> keyFile,
            @ConfigProperty(name = "puppetplane.tls.ca-file") Optional<String> caFile) {
        this.vertx = vertx;
        this.config = config;
        this.mapper = mapper;
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.caFile = caFile;
    }

    @Override
    public String issueToken(String certname) throws TokenUnavailableException {
        String url = config.url() + config.tokenPath().replace("{certname}", certname);
        try {
            String body = client().request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url))
                    .compose(request -> request.send())
                    .compose(response -> response.body().map(buffer -> {
                        if (response.statusCode() / 100 != 2) {
                            throw new IllegalStateException("ca-service answered " + response.statusCode() + ": "
                                    + buffer.toString().strip());
                        }
                        return buffer.toString().strip();
                    }))
                    .toCompletionStage().toCompletableFuture()
                    .get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return tokenFrom(body);
        } catch (ExecutionException e) {
            throw new TokenUnavailableException("cannot get an enrollment token for " + certname + " from " + url
                    + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new TokenUnavailableException("ca-service did not answer within " + config.timeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenUnavailableException("interrupted", e);
        }
    }

    private String tokenFrom(String body) throws TokenUnavailableException {
        if (body.startsWith("{")) {
            try {
                JsonNode token = mapper.readTree(body).get("token");
                if (token != null && token.isTextual()) {
                    return token.asText();
                }
            } catch (java.io.IOException e) {
                throw new TokenUnavailableException("ca-service sent unreadable JSON: " + e.getMessage(), e);
            }
            throw new TokenUnavailableException("ca-service's answer has no token field", null);
        }
        return body;
    }

    private synchronized HttpClient client() throws TokenUnavailableException {
        if (client == null) {
            if (certFile.isEmpty() || keyFile.isEmpty() || caFile.isEmpty()) {
                throw new TokenUnavailableException("puppetplane.tls.cert-file, key-file and ca-file must be "
                        + "configured to ask ca-service for enrollment tokens", null);
            }
            client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setVerifyHost(true)
                    .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certFile.get()).setKeyPath(keyFile.get()))
                    .setTrustOptions(new PemTrustOptions().addCertPath(caFile.get())));
        }
        return client;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
